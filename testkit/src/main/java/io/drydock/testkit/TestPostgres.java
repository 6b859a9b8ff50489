package io.drydock.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.ds.PGSimpleDataSource;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One real PostgreSQL per test JVM, shared by its tests: a Testcontainers container where Docker exists, otherwise
 * an embedded server from real PostgreSQL binaries (zonky). Tests isolate themselves by truncating.
 */
public final class TestPostgres {

    private static TestPostgres shared;

    private final String jdbcUrl;
    private final String username;
    private final String password;

    private TestPostgres(String jdbcUrl, String username, String password) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    public static synchronized TestPostgres shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    private static TestPostgres start() {
        if (Docker.available()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17");
            container.start();
            return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            Path work = Files.createTempDirectory("drydock-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(work.toFile())
                    .setDataDirectory(work.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp directory goes with the machine's cleanup
                }
            }));
            return new TestPostgres(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser(username);
        dataSource.setPassword(password);
        return dataSource;
    }

    /** Empties the given tables (cascading), for tests that need a clean slate. */
    public void truncate(String... tables) {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate table " + String.join(", ", tables) + " cascade");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not truncate " + String.join(", ", tables), e);
        }
    }
}
