package io.drydock.platform.schema;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.util.List;

/**
 * Refuses to start a service against a database that lacks change sets this build needs. Migrations are
 * expand/contract, so a database that is newer than the build is fine (a rolling upgrade in progress).
 */
@Component
public class SchemaVersionCheck implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaVersionCheck.class);

    private final DataSource dataSource;
    private final Properties properties;

    public SchemaVersionCheck(DataSource dataSource, Properties properties) {
        this.dataSource = dataSource;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.migrate()) {
            log.info("Applying database migrations");
            Migrations.migrate(dataSource);
        }
        if (!properties.check()) {
            return;
        }
        List<String> pending = Migrations.pending(dataSource);
        if (!pending.isEmpty()) {
            throw new IllegalStateException("The database schema is behind this build: change sets " + pending
                    + " are not applied. Run 'drydock migrate' first (the all-in-one runtime migrates by itself).");
        }
        log.info("Database schema is current");
    }

    /**
     * @param check   verify at start that no change set is pending
     * @param migrate apply pending change sets at start (the all-in-one runtime and tests; never a distributed service)
     */
    @ConfigurationProperties("drydock.schema")
    public record Properties(@DefaultValue("true") boolean check, @DefaultValue("false") boolean migrate) {
    }
}
