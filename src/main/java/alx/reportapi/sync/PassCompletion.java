package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.moodle.ModuleFingerprints;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.reporting.PendingPairs;
import alx.reportapi.reporting.SyncStatusStore;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * Ends a company's pass inside the caller's fenced transaction: the cursor moves to when the
 * pass's change detection began, less an overlap, and what the pass saw becomes what the next
 * one compares against.
 */
final class PassCompletion {

    /** Moodle writes its timestamps from web-server clocks, which may run behind the database's. */
    static final long CURSOR_OVERLAP_SECONDS = 300;

    private static final Logger LOG = Logger.getLogger(PassCompletion.class.getName());

    private PassCompletion() {
    }

    /**
     * Completes the pass in progress, as the company's queue row describes it.
     *
     * @return false when the company has no pass in progress (a replayed last page)
     */
    static boolean complete(Database database, Connection connection, long companyId, long now, int timeoutSeconds)
            throws SQLException {
        CompanySyncState state = new CompanyQueue(database).get(connection, companyId, timeoutSeconds).orElseThrow();
        if (!state.passInProgress()) {
            return false;
        }
        new PendingPairs(database).clear(connection, companyId, timeoutSeconds);
        ModuleFingerprints.confirmPending(database, connection, companyId, timeoutSeconds);
        succeed(database, connection, companyId, state.passMode(), state.passStartedAt(), state.passRows(), now,
                timeoutSeconds);
        return true;
    }

    /**
     * Completes a pass that started in this transaction and fit one page: what the pass is, the
     * start knows, so nothing is read back and only what the pass left is cleaned up. Most
     * companies of an incremental run end here: three statements fewer each.
     *
     * @param rows            rows the pass wrote or soft-deleted
     * @param anyPendingPairs false when change detection found no pair, so none is left to clear
     */
    static void completeStartedHere(Database database, Connection connection, StartedPass pass, long rows,
            boolean anyPendingPairs, long now, int timeoutSeconds) throws SQLException {
        if (anyPendingPairs) {
            new PendingPairs(database).clear(connection, pass.companyId(), timeoutSeconds);
        }
        if (pass.fingerprintsPending()) {
            ModuleFingerprints.replaceConfirmed(database, connection, pass.companyId(), timeoutSeconds);
        }
        succeed(database, connection, pass.companyId(), pass.mode(), pass.startedAt(), rows, now, timeoutSeconds);
    }

    private static void succeed(Database database, Connection connection, long companyId, String mode,
            long startedAt, long rows, long now, int timeoutSeconds) throws SQLException {
        long cursor = startedAt - CURSOR_OVERLAP_SECONDS;
        new SyncStatusStore(database).recordSuccess(connection, companyId, cursor, rows, now, timeoutSeconds);
        new CompanyQueue(database).complete(connection, companyId, now, timeoutSeconds);
        LOG.fine(() -> "[local_alx_report_api] company " + companyId + " synced: " + mode + " pass, " + rows
                + " rows, cursor " + cursor);
    }
}
