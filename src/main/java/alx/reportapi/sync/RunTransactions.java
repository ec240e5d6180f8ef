package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Retry;
import alx.reportapi.db.Session;
import alx.reportapi.db.Transaction;

import java.sql.SQLException;

/**
 * The transactions of one run. Every statement in them is bounded by what remains of the run's
 * budget (README, Behavior 8); every transaction that writes proves, inside itself and just before
 * it commits, that the run still holds the lock (Behavior 3), so a run that lost it writes nothing
 * more; and a transaction that failed transiently runs again (every one of them is idempotent).
 * <p>
 * The fence comes last: it locks the lock's rows until the commit, so no takeover can come between
 * the proof and the commit, and a transaction stuck in a long statement holds no lock row that the
 * watchdog or another node would wait for.
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
        return write(what, Transaction.Isolation.SNAPSHOT, work);
    }

    /**
     * As {@link #write(String, Session.Work)}, in the given isolation: in READ COMMITTED an
     * {@code INSERT … SELECT} reads Moodle's rows without locking them.
     */
    <T> T write(String what, Transaction.Isolation isolation, Session.Work<T> work) throws SQLException {
        try {
            return Retry.standard().run(what, () -> Transaction.run(database, isolation, timeout(), session -> {
                T result = work.run(session);
                fence.verify(session);
                return result;
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
