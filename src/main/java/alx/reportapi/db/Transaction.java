package alx.reportapi.db;

import alx.reportapi.Plugin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One transaction on a pooled connection of its own: committed when the work returns, rolled back
 * when it throws, and the connection handed back to the pool as it came (auto-commit and
 * isolation restored). The product commits its own transactions and never joins a container's.
 */
public final class Transaction {

    /** How the transaction sees rows that other transactions commit while it runs. */
    public enum Isolation {
        /**
         * The database's default (REPEATABLE READ on InnoDB): every statement reads one snapshot,
         * as the statements that derive one page must.
         */
        SNAPSHOT(-1),
        /**
         * InnoDB takes no gap locks and drops the row lock of an UPDATE that did not match, so
         * racing lock takers wait for each other only on the one row they change.
         */
        READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED);

        private final int level;

        Isolation(int level) {
            this.level = level;
        }
    }

    private static final Logger LOG = Logger.getLogger(Transaction.class.getName());

    private Transaction() {
    }

    /** A transaction that reads one snapshot. */
    public static <T> T run(Database database, int timeoutSeconds, Session.Work<T> work) throws SQLException {
        return run(database, Isolation.SNAPSHOT, timeoutSeconds, work);
    }

    public static <T> T run(Database database, Isolation isolation, int timeoutSeconds, Session.Work<T> work)
            throws SQLException {
        // The commit is bounded with the statements: a database gone silent fails it as a lost connection.
        try (Connection connection = database.connect(timeoutSeconds)) {
            return within(new Session(database, connection, timeoutSeconds), isolation, work);
        }
    }

    /** The transaction on the session's connection, which is handed back as it came. */
    private static <T> T within(Session session, Isolation isolation, Session.Work<T> work) throws SQLException {
        Connection connection = session.connection();
        boolean autoCommit = connection.getAutoCommit();
        int level = connection.getTransactionIsolation();
        try {
            connection.setAutoCommit(false);
            if (isolation.level >= 0 && isolation.level != level) {
                connection.setTransactionIsolation(isolation.level);
            }
            T result = work.run(session);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(connection, e);
            throw e;
        } finally {
            restore(connection, autoCommit, level);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A pool hands the connection on: give it back as it came. A broken one is discarded anyway. */
    private static void restore(Connection connection, boolean autoCommit, int isolation) {
        try {
            if (connection.getTransactionIsolation() != isolation) {
                connection.setTransactionIsolation(isolation);
            }
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            LOG.log(Level.FINE, Plugin.LOG_PREFIX + "could not restore a connection after a transaction", e);
        }
    }
}
