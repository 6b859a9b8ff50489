package io.drydock.platform.schema;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Drydock's database migrations: the changelog of the {@code schemas} module. Applied only by the all-in-one runtime
 * and the {@code migrate} command; services only {@link #pending check} that nothing is pending.
 */
public final class Migrations {

    public static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

    private Migrations() {
    }

    /** Applies every pending change set. */
    public static void migrate(DataSource dataSource) {
        run(dataSource, liquibase -> {
            liquibase.update(new Contexts(), new LabelExpression());
            return null;
        });
    }

    /** The ids of change sets this build knows that the database has not applied. */
    public static List<String> pending(DataSource dataSource) {
        return run(dataSource, liquibase -> liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression())
                .stream().map(ChangeSet::getId).toList());
    }

    private interface LiquibaseWork<T> {
        T apply(Liquibase liquibase) throws LiquibaseException;
    }

    private static <T> T run(DataSource dataSource, LiquibaseWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()), database)) {
                return work.apply(liquibase);
            }
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Database migration step failed: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("Database migration step failed: " + e.getMessage(), e);
        }
    }
}
