package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.SyncStatusStore;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Isolates a company whose sync failed (SPEC 3.6): records the error, schedules its retry or parks
 * it, and lets the run go on with the other companies. Errors that are not the company's own (the
 * database is unreachable, the lock is lost) are not isolated: they end the run.
 */
final class CompanyFailures {

    private static final Logger LOG = Logger.getLogger(CompanyFailures.class.getName());

    private CompanyFailures() {
    }

    /** True if the error belongs to the whole run, not to one company's data. */
    static boolean endsTheRun(Throwable error) {
        if (error instanceof LockLostException) {
            return true;
        }
        if (error instanceof SQLException sql) {
            String state = sql.getSQLState();
            return state != null && state.startsWith("08");
        }
        return false;
    }

    /** @throws IllegalStateException when the failure itself cannot be recorded */
    static void record(Database database, SyncRun run, long companyId, Throwable error) {
        run.abandon(companyId);
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        try {
            boolean parked = SyncTransaction.fenced(database, run.fence(), connection -> {
                long now = DatabaseClock.now(connection);
                int timeout = run.budget().statementTimeoutSeconds();
                boolean parks = new CompanyQueue(database).fail(connection, companyId, message, now, timeout);
                new SyncStatusStore(database).recordFailure(connection, companyId, message, now, timeout);
                return parks;
            });
            LOG.log(Level.WARNING, run.log() + "company " + companyId + " failed" + (parked
                    ? " for the last time and is parked until an admin retries it or its data changes: "
                    : ", will be retried on a later run: ") + message, error);
        } catch (SQLException e) {
            // Unrecorded, the company would be first in the queue again at once: a run that cannot
            // write its failures ends instead of retrying one company in a tight loop.
            e.addSuppressed(error);
            throw new IllegalStateException(run.log() + "could not record the failure of company " + companyId
                    + " (" + message + "); the run ends", e);
        }
    }
}
