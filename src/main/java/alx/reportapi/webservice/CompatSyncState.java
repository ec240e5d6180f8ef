package alx.reportapi.webservice;

import alx.reportapi.db.Session;
import alx.reportapi.report.CompanyReportSettings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A web service client's full-or-incremental state, where the PHP plugin keeps it: its row of
 * {@code local_alx_api_sync_status}, keyed by company and the sha256 of the client's Bearer header
 * ("" without one). The watermark moves to now when a read returns an empty page, as in the plugin
 * (README, Behavior 18). Header values naming the sync job's own rows are read as no header, so no
 * client can move the scheduled sync's cursor.
 */
final class CompatSyncState {

    private static final String[] RESERVED_PREFIXES = {"cron_task_", "manual_sync_"};

    /** Which rows a page comes from. */
    enum Mode { FULL, INCREMENTAL }

    /** The client's stored state. */
    record State(long watermark, String status) {
    }

    private CompatSyncState() {
    }

    static String tokenHash(String bearer) {
        String value = bearer == null ? "" : bearer;
        for (String reserved : RESERVED_PREFIXES) {
            if (value.startsWith(reserved)) {
                value = "";
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static Optional<State> read(Session session, long companyId, String tokenHash) throws SQLException {
        return session.first("SELECT last_sync_timestamp, last_sync_status FROM {local_alx_api_sync_status}"
                + " WHERE companyid = ? AND token_hash = ?", rs -> new State(rs.getLong(1), rs.getString(2)),
                companyId, tokenHash);
    }

    /** The plugin's choice: auto is full without state, after a failure, or past the window. */
    static Mode mode(CompanyReportSettings settings, Optional<State> state, long now) {
        return switch (settings.syncMode()) {
            case CompanyReportSettings.SYNC_ALWAYS_INCREMENTAL -> Mode.INCREMENTAL;
            case CompanyReportSettings.SYNC_AUTO -> state.isEmpty() || "failed".equals(state.get().status())
                    || now - state.get().watermark() > settings.syncWindowHours() * 3600 ? Mode.FULL : Mode.INCREMENTAL;
            default -> Mode.FULL;
        };
    }

    /** An empty page was read: the client has everything up to now. */
    static void emptyPageRead(Session session, long companyId, String tokenHash, long now) throws SQLException {
        session.update("""
                INSERT INTO {local_alx_api_sync_status}
                       (companyid, token_hash, last_sync_timestamp, sync_mode, sync_window_hours, last_sync_records,
                        last_sync_status, last_sync_error, total_syncs, timecreated, timemodified)
                VALUES (?, ?, ?, 'auto', 24, 0, 'success', NULL, 1, ?, ?)
                ON DUPLICATE KEY UPDATE last_sync_timestamp = VALUES(last_sync_timestamp), last_sync_records = 0,
                       last_sync_status = 'success', last_sync_error = NULL, total_syncs = total_syncs + 1,
                       timemodified = VALUES(timemodified)""", companyId, tokenHash, now, now, now);
    }
}
