package alx.reportapi.db;

import java.sql.SQLException;

/**
 * The one rule for what a database failure means to the code that met it.
 * <ul>
 *   <li><b>Transient</b>: a deadlock, a lock wait timeout, a serialization failure, or a lost or
 *       refused connection. The transaction rolled back (or never began), and running it again
 *       from the start, on a fresh connection from the pool, may well succeed.</li>
 *   <li><b>Connection</b> failures are also what a run cannot blame on one company's data: when
 *       they persist past the retries, they end the run instead of isolating a company.</li>
 * </ul>
 */
public final class SqlFailures {

    static final int MYSQL_DEADLOCK = 1213;
    static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    /** H2's "timeout trying to lock table", the embedded demo's lock wait timeout. */
    static final int H2_LOCK_TIMEOUT = 50200;
    static final String SERIALIZATION_FAILURE = "40001";
    /** SQLState class of connection exceptions. */
    static final String CONNECTION_CLASS = "08";

    private SqlFailures() {
    }

    /** True when running the whole transaction again may succeed. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (isLockConflict(sql) || isConnection(sql))) {
                return true;
            }
        }
        return false;
    }

    /** True when the database could not be reached or the connection broke: not the data's fault. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isConnection(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Names the kind of failure for a log line or an error message an operator reads. */
    public static String describe(SQLException e) {
        String kind = switch (e.getErrorCode()) {
            case MYSQL_DEADLOCK -> "deadlock, ";
            case MYSQL_LOCK_WAIT_TIMEOUT, H2_LOCK_TIMEOUT -> "lock wait timeout, ";
            default -> isConnection(e) ? "lost connection, " : "";
        };
        return kind + "error " + e.getErrorCode() + ", SQLState " + e.getSQLState() + ": " + e.getMessage();
    }

    private static boolean isLockConflict(SQLException e) {
        return e.getErrorCode() == MYSQL_DEADLOCK || e.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT
                || e.getErrorCode() == H2_LOCK_TIMEOUT || SERIALIZATION_FAILURE.equals(e.getSQLState());
    }

    private static boolean isConnection(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_CLASS);
    }
}
