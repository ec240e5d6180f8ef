package alx.reportapi.lock;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One transaction on a connection of its own, committed on success and rolled back on any failure.
 * <p>
 * READ COMMITTED, because under it InnoDB takes no gap locks and drops the row lock of an UPDATE
 * that did not match: racing takers then wait for each other only on the one row they change,
 * instead of deadlocking on gaps around a missing row.
 */
final class OwnTransaction {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final Logger LOG = Logger.getLogger(OwnTransaction.class.getName());

    private OwnTransaction() {
    }

    static <T> T run(Database database, Work<T> work) throws SQLException {
        try (Connection connection = database.connect()) {
            boolean autoCommit = connection.getAutoCommit();
            int isolation = connection.getTransactionIsolation();
            try {
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                restore(connection, autoCommit, isolation);
            }
        }
    }

    private static void rollback(Connection connection, Exception cause) {
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
            LOG.log(Level.FINE, "[local_alx_report_api] could not restore a connection after a lock transaction", e);
        }
    }
}
