package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Retry;
import alx.reportapi.db.Session;
import alx.reportapi.db.Transaction;

import java.sql.SQLException;

/**
 * The transactions of one run. Every statement in them is bounded by what remains of the run's
 * budget (README, Behavior 8); every transaction that writes proves first, inside itself, that the
 * run still holds the lock (Behavior 3), so a run that lost it writes nothing more; and a
 * transaction that failed transiently runs again (every one of them is idempotent).
 */
final class RunTransactions {

    /** Builds a run's transactions once the run exists: the fence names the run. */
    @FunctionalInterface
    interface Factory {
        RunTransactions of(SyncRun run);
    }

    private final Database database;
    private final SyncRun run;
    private final WriteFence fence;

    RunTransactions(Database database, SyncRun run, WriteFence fence) {
        this.database = database;
        this.run = run;
        this.fence = fence;
    }

    /** Reads in one snapshot. */
    <T> T read(String what, Session.Work<T> work) throws SQLException {
        return Retry.standard().run(what, () -> Transaction.run(database, timeout(), work));
    }

    /** Writes behind the fence: nothing commits unless the run still holds the lock. */
    <T> T write(String what, Session.Work<T> work) throws SQLException {
        try {
            return Retry.standard().run(what, () -> Transaction.run(database, timeout(), session -> {
                fence.verify(session);
                return work.run(session);
            }));
        } catch (LockLostException e) {
            run.lockLost();
            throw e;
        }
    }

    Database database() {
        return database;
    }

    private int timeout() {
        return run.budget().statementTimeoutSeconds();
    }
}
