package io.drydock.platform.messaging;

import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/** Which failures are worth retrying forever: a dependency that is down or slow, not a bug or bad data. */
final class ErrorClassification {

    private ErrorClassification() {
    }

    static boolean isTransient(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof ConnectException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException || t instanceof org.apache.kafka.common.errors.RetriableException
                    || isPostgresConnectionFailure(t)) {
                return true;
            }
        }
        return false;
    }

    // PostgreSQL reports a lost or refused connection as SQL state class 08.
    private static boolean isPostgresConnectionFailure(Throwable t) {
        return t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
