package alx.reportapi.db;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * The pool could not hand out a connection within its own timeout: the database is unreachable,
 * silent, or every connection is busy. Transient, and a connection failure ({@link SqlFailures}),
 * but {@link Retry} does not try again at once: the pool has been trying for its whole timeout.
 */
public final class NoConnectionException extends SQLTransientConnectionException {

    /** SQLState of a connection that could not be established, when the pool names none. */
    private static final String CANNOT_CONNECT = "08001";

    NoConnectionException(SQLException cause) {
        super("no database connection: " + cause.getMessage(),
                cause.getSQLState() != null && cause.getSQLState().startsWith(SqlFailures.CONNECTION_CLASS)
                        ? cause.getSQLState() : CANNOT_CONNECT,
                cause.getErrorCode(), cause);
    }
}
