package alx.reportapi.reporting;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The audit trail of operator actions ({@code local_alx_api_audit}), also written to the server
 * log, so that "who released that lock?" has an answer even when the table is unreachable.
 */
public final class AuditTrail {

    public static final String DONE = "done";
    public static final String REFUSED = "refused";

    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());
    private static final int TIMEOUT_SECONDS = 10;
    private static final int MAX_DETAIL_LENGTH = 2000;

    private final Database database;

    public AuditTrail(Database database) {
        this.database = database;
    }

    public void record(String user, String action, String target, String outcome, String detail, String node)
            throws SQLException {
        LOG.info(() -> Plugin.LOG_PREFIX + "audit: " + clip(user, 100) + " " + action + " " + target + " -> "
                + outcome + ": " + clip(detail, MAX_DETAIL_LENGTH));
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     INSERT INTO {local_alx_api_audit} (timecreated, username, action, target, outcome, detail, node)
                     VALUES (UNIX_TIMESTAMP(), ?, ?, ?, ?, ?, ?)"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, clip(user, 100));
            statement.setString(2, clip(action, 40));
            statement.setString(3, clip(target, 100));
            statement.setString(4, clip(outcome, 20));
            statement.setString(5, clip(detail, MAX_DETAIL_LENGTH));
            statement.setString(6, clip(node, 100));
            statement.executeUpdate();
        }
    }

    /** Newest first, a page at a time by id: {@code beforeId} 0 for the first page. */
    public List<AuditEntry> recent(long beforeId, int limit) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     SELECT id, timecreated, username, action, target, outcome, detail, node
                       FROM {local_alx_api_audit} WHERE (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setLong(1, beforeId);
            statement.setLong(2, beforeId);
            statement.setInt(3, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return entries;
    }

    /**
     * Removes entries recorded more than {@code days} ago; returns how many. The trail is kept as
     * long as the run log it explains (README, Behavior 22).
     */
    public int purgeOlderThan(int days) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "DELETE FROM {local_alx_api_audit} WHERE timecreated < UNIX_TIMESTAMP() - ?"))) {
            statement.setQueryTimeout(60);
            statement.setLong(1, days * 86_400L);
            return statement.executeUpdate();
        }
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= max ? clean : clean.substring(0, max);
    }
}
