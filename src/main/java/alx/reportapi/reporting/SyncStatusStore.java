package alx.reportapi.reporting;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The scheduled sync's rows in the PHP plugin's {@code local_alx_api_sync_status}, one per company
 * under token hash sha256("cron_task_{companyid}"). {@code last_sync_timestamp} is the company's
 * cursor, in the same place and meaning as the PHP plugin kept it.
 */
public final class SyncStatusStore {

    public Optional<Long> cursor(Session session, long companyId) throws SQLException {
        return session.first("SELECT last_sync_timestamp FROM {local_alx_api_sync_status}"
                + " WHERE companyid = ? AND token_hash = ?", rs -> rs.getLong(1), companyId,
                CronTaskToken.hash(companyId)).filter(cursor -> cursor > 0);
    }

    /** A completed sync: the cursor moves to {@code cursor}. */
    public void recordSuccess(Session session, long companyId, long cursor, long records) throws SQLException {
        session.update("""
                INSERT INTO {local_alx_api_sync_status}
                       (companyid, token_hash, last_sync_timestamp, sync_mode, sync_window_hours, last_sync_records,
                        last_sync_status, last_sync_error, total_syncs, timecreated, timemodified)
                VALUES (?, ?, ?, 'auto', 24, ?, 'success', NULL, 1, ?, ?)
                ON DUPLICATE KEY UPDATE last_sync_timestamp = VALUES(last_sync_timestamp),
                       last_sync_records = VALUES(last_sync_records), last_sync_status = VALUES(last_sync_status),
                       last_sync_error = NULL, total_syncs = total_syncs + 1, timemodified = VALUES(timemodified)""",
                companyId, CronTaskToken.hash(companyId), cursor, records, session.now(), session.now());
    }

    /** A failed sync: the cursor stays where it was. */
    public void recordFailure(Session session, long companyId, String error) throws SQLException {
        session.update("""
                INSERT INTO {local_alx_api_sync_status}
                       (companyid, token_hash, last_sync_timestamp, sync_mode, sync_window_hours, last_sync_records,
                        last_sync_status, last_sync_error, total_syncs, timecreated, timemodified)
                VALUES (?, ?, 0, 'auto', 24, 0, 'failed', ?, 0, ?, ?)
                ON DUPLICATE KEY UPDATE last_sync_status = VALUES(last_sync_status),
                       last_sync_error = VALUES(last_sync_error), timemodified = VALUES(timemodified)""",
                companyId, CronTaskToken.hash(companyId), error, session.now(), session.now());
    }
}
