package alx.reportapi.reporting;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The scheduled sync's rows in the PHP plugin's {@code local_alx_api_sync_status}, one per company
 * under token hash sha256("cron_task_{companyid}"). {@code last_sync_timestamp} is the company's
 * cursor, in the same place and meaning as the PHP plugin kept it.
 */
public final class SyncStatusStore {

    private final Database database;

    public SyncStatusStore(Database database) {
        this.database = database;
    }

    public Optional<Long> cursor(Connection connection, long companyId, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql(
                "SELECT last_sync_timestamp FROM {local_alx_api_sync_status} WHERE companyid = ? AND token_hash = ?"))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setString(2, CronTaskToken.hash(companyId));
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0 ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** A completed sync: the cursor moves to {@code cursor}. */
    public void recordSuccess(Connection connection, long companyId, long cursor, long records, long now,
            int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                INSERT INTO {local_alx_api_sync_status}
                       (companyid, token_hash, last_sync_timestamp, sync_mode, sync_window_hours, last_sync_records,
                        last_sync_status, last_sync_error, total_syncs, timecreated, timemodified)
                VALUES (?, ?, ?, 'auto', 24, ?, 'success', NULL, 1, ?, ?)
                ON DUPLICATE KEY UPDATE last_sync_timestamp = VALUES(last_sync_timestamp),
                       last_sync_records = VALUES(last_sync_records), last_sync_status = VALUES(last_sync_status),
                       last_sync_error = NULL, total_syncs = total_syncs + 1, timemodified = VALUES(timemodified)"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setString(2, CronTaskToken.hash(companyId));
            statement.setLong(3, cursor);
            statement.setLong(4, records);
            statement.setLong(5, now);
            statement.setLong(6, now);
            statement.executeUpdate();
        }
    }

    /** A failed sync: the cursor stays where it was. */
    public void recordFailure(Connection connection, long companyId, String error, long now, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                INSERT INTO {local_alx_api_sync_status}
                       (companyid, token_hash, last_sync_timestamp, sync_mode, sync_window_hours, last_sync_records,
                        last_sync_status, last_sync_error, total_syncs, timecreated, timemodified)
                VALUES (?, ?, 0, 'auto', 24, 0, 'failed', ?, 0, ?, ?)
                ON DUPLICATE KEY UPDATE last_sync_status = VALUES(last_sync_status),
                       last_sync_error = VALUES(last_sync_error), timemodified = VALUES(timemodified)"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setString(2, CronTaskToken.hash(companyId));
            statement.setString(3, error);
            statement.setLong(4, now);
            statement.setLong(5, now);
            statement.executeUpdate();
        }
    }
}
