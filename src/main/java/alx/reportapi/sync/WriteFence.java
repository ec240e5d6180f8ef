package alx.reportapi.sync;

import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * Proves, inside the transaction about to commit a run's writes, that the run still holds the
 * sync lock (README, Behavior 3). A run that lost it must write nothing more.
 */
@FunctionalInterface
interface WriteFence {

    /** @throws LockLostException if the run no longer holds the lock; the transaction rolls back */
    void verify(Session inTransaction) throws SQLException;
}
