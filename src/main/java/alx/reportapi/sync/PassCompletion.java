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

    /** @return false when the company has no pass in progress (a replayed last page) */
    static boolean complete(Database database, Connection connection, long companyId, long now, int timeoutSeconds)
            throws SQLException {
        CompanyQueue queue = new CompanyQueue(database);
        CompanySyncState state = queue.get(connection, companyId, timeoutSeconds).orElseThrow();
        if (!state.passInProgress()) {
            return false;
        }
        long cursor = state.passStartedAt() - CURSOR_OVERLAP_SECONDS;
        new SyncStatusStore(database).recordSuccess(connection, companyId, cursor, state.passRows(), now,
                timeoutSeconds);
        new PendingPairs(database).clear(connection, companyId, timeoutSeconds);
        ModuleFingerprints.confirmPending(database, connection, companyId, timeoutSeconds);
        queue.complete(connection, companyId, now, timeoutSeconds);
        LOG.fine(() -> "[local_alx_report_api] company " + companyId + " synced: " + state.passMode() + " pass, "
                + state.passRows() + " rows, cursor " + cursor);
        return true;
    }
}
