package io.drydock.platform.schema;

import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaVersionCheckIT {

    @Test
    void refusesToStartOnADatabaseThatWasNotMigratedAndStartsOnceItIs() throws Exception {
        PGSimpleDataSource fresh = freshDatabase();
        SchemaVersionCheck check = new SchemaVersionCheck(fresh, new SchemaVersionCheck.Properties(true, false));

        assertThatThrownBy(check::afterPropertiesSet)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("drydock migrate")
                .hasMessageContaining("0001-create-account");

        Migrations.migrate(fresh);
        check.afterPropertiesSet();
        assertThat(Migrations.pending(fresh)).isEmpty();
    }

    private static PGSimpleDataSource freshDatabase() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String name = "fresh_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        dataSource.setUser(postgres.username());
        dataSource.setPassword(postgres.password());
        return dataSource;
    }
}
