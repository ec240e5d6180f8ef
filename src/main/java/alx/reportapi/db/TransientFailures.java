package alx.reportapi.db;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Deadlocks and lock-wait timeouts roll back a whole transaction and, as MySQL's own message
 * says, the fix is to run it again. Work whose transaction is idempotent goes through here, so a
 * collision with a lock taker on another node costs a retry, not a failed company.
 */
public final class TransientFailures {

    private static final int MYSQL_DEADLOCK = 1213;
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 4;
    private static final long FIRST_PAUSE_MILLIS = 20;

    /** One transaction's work, run again from the start after a transient failure. */
    public interface Transaction<T> {
        T run() throws SQLException;
    }

    private TransientFailures() {
    }

    public static boolean isTransient(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && (sql.getErrorCode() == MYSQL_DEADLOCK
                    || sql.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT || SERIALIZATION_FAILURE.equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the transaction, again after a short growing pause if it failed transiently, a few times at most. */
    public static <T> T retry(Transaction<T> transaction) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.run();
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                pause((FIRST_PAUSE_MILLIS << attempt) + ThreadLocalRandom.current().nextLong(FIRST_PAUSE_MILLIS));
            }
        }
    }

    private static void pause(long millis) throws SQLException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to retry a transaction", e);
        }
    }
}
