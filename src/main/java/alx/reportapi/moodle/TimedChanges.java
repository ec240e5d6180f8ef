package alx.reportapi.moodle;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The (user, course) pairs that a timestamped source (SPEC 3.2: course completions, module
 * completions, enrolments, user profiles, courses) changed since the oldest cursor of the
 * companies this run may sync, collected into {@code local_alx_api_timed_changes} once per run.
 * <p>
 * Asked company by company, the completions were most of what an incremental run cost at scale
 * 10: a course completion changes through two timestamps Moodle does not index, so every
 * completion of the company's users was read. The other three sources cost three statements per
 * company even when nothing changed. Collected once, each source's index is read once for the
 * site, fanned out once to the companies of the users who changed, and each company reads its own
 * in one statement.
 *
 * @param since       the oldest cursor the collection answers for: a company whose cursor is older
 *                    (one an admin unparked after the collection) asks Moodle's tables itself
 * @param collectedAt database time taken before the collection; a change after it may be missing,
 *                    so a pass that relies on the collection counts as started no later than this
 */
public record TimedChanges(long since, long collectedAt) {

    private static final String TABLE = "{local_alx_api_timed_changes}";
    private static final String BY_COMPANY = "{local_alx_api_company_changes}";
    private static final String INSERT = "INSERT INTO " + TABLE + " (userid, courseid, changed_at) ";
    private static final String KEEP_LATEST = " ON DUPLICATE KEY UPDATE changed_at = GREATEST(changed_at, VALUES(changed_at))";

    /**
     * Collects the changes for every unparked company with a cursor; empty when there is none
     * (every pass is then a full one, or asks Moodle's tables itself).
     */
    public static Optional<TimedChanges> collect(Database database, Connection connection, long now,
            int timeoutSeconds) throws SQLException {
        database.update(connection, timeoutSeconds, "DELETE FROM " + TABLE);
        database.update(connection, timeoutSeconds, "DELETE FROM " + BY_COMPANY);
        Optional<Long> oldestCursor = oldestCursor(database, connection, timeoutSeconds);
        if (oldestCursor.isEmpty()) {
            return Optional.empty();
        }
        long since = oldestCursor.get();
        database.update(connection, timeoutSeconds, INSERT
                + "SELECT userid, course, GREATEST(COALESCE(timecompleted, 0), timestarted, timeenrolled)"
                + "  FROM {course_completions}"
                + " WHERE timecompleted >= ? OR timestarted >= ? OR timeenrolled >= ?" + KEEP_LATEST,
                since, since, since);
        database.update(connection, timeoutSeconds, INSERT
                + "SELECT cmc.userid, cm.course, MAX(cmc.timemodified)"
                + "  FROM {course_modules_completion} cmc"
                + "  JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid"
                + " WHERE cmc.timemodified >= ?"
                + " GROUP BY cmc.userid, cm.course" + KEEP_LATEST, since);
        // Moodle stamps timemodified with timecreated when it creates an enrolment; testing only
        // timemodified lets the range scan use its index. A pair created without it is the sweep's.
        database.update(connection, timeoutSeconds, INSERT
                + "SELECT ue.userid, e.courseid, MAX(ue.timemodified)"
                + "  FROM {user_enrolments} ue"
                + "  JOIN {enrol} e ON e.id = ue.enrolid"
                + " WHERE ue.timemodified >= ?"
                + " GROUP BY ue.userid, e.courseid" + KEEP_LATEST, since);
        database.update(connection, timeoutSeconds, INSERT
                + "SELECT ue.userid, e.courseid, MAX(u.timemodified)"
                + "  FROM {user} u"
                + "  JOIN {user_enrolments} ue ON ue.userid = u.id"
                + "  JOIN {enrol} e ON e.id = ue.enrolid"
                + " WHERE u.timemodified >= ?"
                + " GROUP BY ue.userid, e.courseid" + KEEP_LATEST, since);
        database.update(connection, timeoutSeconds, INSERT
                + "SELECT ue.userid, e.courseid, MAX(c.timemodified)"
                + "  FROM {course} c"
                + "  JOIN {enrol} e ON e.courseid = c.id"
                + "  JOIN {user_enrolments} ue ON ue.enrolid = e.id"
                + " WHERE c.timemodified >= ?"
                + " GROUP BY ue.userid, e.courseid" + KEEP_LATEST, since);
        // Membership as it is now: a user who joins a company later moves the untimed-changes
        // fingerprint, and that company's next pass sweeps.
        database.update(connection, timeoutSeconds, "INSERT INTO " + BY_COMPANY
                + " (companyid, userid, courseid, changed_at)"
                + " SELECT cu.companyid, ch.userid, ch.courseid, ch.changed_at"
                + "   FROM " + TABLE + " ch JOIN {company_users} cu ON cu.userid = ch.userid");
        return Optional.of(new TimedChanges(since, now));
    }

    /** Whether a pass from {@code cursor} may take its timestamped changes from the collection. */
    public boolean answersFor(long cursor) {
        return cursor >= since;
    }

    /** When a pass that detected its changes at {@code detectionStartedAt} counts as started. */
    public long passStart(long detectionStartedAt) {
        return Math.min(detectionStartedAt, collectedAt);
    }

    /** The changed pairs of one company since {@code cursor}, read through the company's key. */
    static String pairsOfCompanySince() {
        return "SELECT companyid, userid, courseid FROM " + BY_COMPANY + " WHERE companyid = ? AND changed_at >= ?";
    }

    /** A parked company is not synced unless its data changes, which the run decides before this. */
    private static Optional<Long> oldestCursor(Database database, Connection connection, int timeoutSeconds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                SELECT MIN(s.last_sync_timestamp)
                  FROM {local_alx_api_sync_status} s
                  JOIN {local_alx_api_company_sync} q ON q.companyid = s.companyid
                 WHERE s.last_sync_timestamp > 0 AND q.parked = 0"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long oldest = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(oldest);
            }
        }
    }
}
