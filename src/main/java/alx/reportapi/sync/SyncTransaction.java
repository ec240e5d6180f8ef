package alx.reportapi.sync;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One transaction of the sync on a pooled connection of its own: committed when the work returns,
 * rolled back when it throws. The sync's transactions are the application's, not the batch
 * runtime's, so that a page or a company's detection commits exactly when its writes are done.
 */
final class SyncTransaction {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection inTransaction) throws SQLException;
    }

    private SyncTransaction() {
    }

    /** For reads that must see one snapshot, such as a page's two derivation statements. */
    static <T> T run(Database database, Work<T> work) throws SQLException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** For writes: the fence runs first, so a run that lost the lock commits nothing. */
    static <T> T fenced(Database database, WriteFence fence, Work<T> work) throws SQLException {
        return run(database, connection -> {
            fence.verify(connection);
            return work.run(connection);
        });
    }
}
