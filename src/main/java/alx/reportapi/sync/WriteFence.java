package alx.reportapi.sync;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Proves, inside the transaction about to commit a run's writes, that the run still holds the
 * sync lock (SPEC 3.3, fenced). A run that lost it must write nothing more.
 */
@FunctionalInterface
public interface WriteFence {

    /** @throws LockLostException if the run no longer holds the lock; the caller rolls back */
    void verify(Connection inTransaction) throws SQLException;
}
