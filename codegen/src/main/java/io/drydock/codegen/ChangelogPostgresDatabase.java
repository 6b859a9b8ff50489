package io.drydock.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.jooq.DSLContext;
import org.jooq.meta.postgres.PostgresDatabase;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A jOOQ {@code Database} that reads the catalog of a real PostgreSQL after applying Drydock's Liquibase changelog to
 * it. Build-time only: jOOQ 3.21 no longer ships a Liquibase database, and parsing the DDL with H2 gets PostgreSQL
 * types wrong, so the generated code comes from the same server version the services and tests run against.
 *
 * <p>Properties: {@code changelogDirectory} (the resource root) and {@code changelogFile} (relative to it).
 */
public class ChangelogPostgresDatabase extends PostgresDatabase {

    private EmbeddedPostgres postgres;
    private Connection connection;

    @Override
    protected DSLContext create0() {
        if (connection == null) {
            try {
                start();
            } catch (Exception e) {
                throw new IllegalStateException("Could not apply the changelog to an embedded PostgreSQL: " + e.getMessage(), e);
            }
        }
        return super.create0();
    }

    private void start() throws Exception {
        String directory = getProperties().getProperty("changelogDirectory");
        String file = getProperties().getProperty("changelogFile");
        if (directory == null || file == null) {
            throw new IllegalArgumentException("properties changelogDirectory and changelogFile are required");
        }
        Path work = Files.createTempDirectory("drydock-codegen-pg");
        postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(work.toFile())
                .setDataDirectory(work.resolve("data"))
                .setCleanDataDirectory(true)
                .start();
        connection = postgres.getPostgresDatabase().getConnection();
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try (DirectoryResourceAccessor resources = new DirectoryResourceAccessor(new File(directory))) {
            new Liquibase(file, resources, database).update("");
        }
        setConnection(connection);
    }

    @Override
    public void close() {
        super.close();
        try {
            if (connection != null) {
                connection.close();
            }
            if (postgres != null) {
                postgres.close();
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not stop the embedded PostgreSQL used for code generation", e);
        }
    }
}
