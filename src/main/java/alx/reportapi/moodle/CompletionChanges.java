package alx.reportapi.moodle;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The course completions changed since the oldest company cursor, collected into
 * {@code local_alx_api_cc_changes} once per run by one scan of {@code course_completions}.
 * <p>
 * A completion changes through three timestamps, two of them without an index in Moodle: asked per
 * company, the database read every completion of the company's users (44–68 ms a company at scale
 * 10, whatever had changed). Asked once per run, the site is read once and each company joins its
 * users to what changed.
 *
 * @param since       the oldest cursor the collection answers for: a company whose cursor is older
 *                    must ask {@code course_completions} itself
 * @param collectedAt database time taken before the scan; a change after it may be missing, so a
 *                    pass that relies on the collection starts, for its cursor, no later than this
 */
public record CompletionChanges(long since, long collectedAt) {

    /**
     * Collects the changes for every company with a cursor; empty when no company has one yet (every
     * pass is then a full one).
     */
    public static Optional<CompletionChanges> collect(Database database, Connection connection, long now,
            int timeoutSeconds) throws SQLException {
        Optional<Long> oldestCursor = oldestCursor(database, connection, timeoutSeconds);
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.executeUpdate(database.sql("DELETE FROM {local_alx_api_cc_changes}"));
        }
        if (oldestCursor.isEmpty()) {
            return Optional.empty();
        }
        long since = oldestCursor.get();
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                INSERT INTO {local_alx_api_cc_changes} (userid, courseid, changed_at)
                SELECT userid, course, GREATEST(COALESCE(timecompleted, 0), timestarted, timeenrolled)
                  FROM {course_completions}
                 WHERE timecompleted >= ? OR timestarted >= ? OR timeenrolled >= ?"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, since);
            statement.setLong(2, since);
            statement.setLong(3, since);
            statement.executeUpdate();
        }
        return Optional.of(new CompletionChanges(since, now));
    }

    /** Whether a pass from {@code cursor} may take its changed completions from the collection. */
    public boolean answersFor(long cursor) {
        return cursor >= since;
    }

    /** When a pass that detected its changes at {@code detectionStartedAt} counts as started. */
    public long passStart(long detectionStartedAt) {
        return Math.min(detectionStartedAt, collectedAt);
    }

    private static Optional<Long> oldestCursor(Database database, Connection connection, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql(
                "SELECT MIN(last_sync_timestamp) FROM {local_alx_api_sync_status} WHERE last_sync_timestamp > 0"))) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long oldest = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oldest);
            }
        }
    }
}
