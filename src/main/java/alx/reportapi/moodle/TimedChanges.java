package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.Optional;

/**
 * The (user, course) pairs that a timestamped source changed since the oldest cursor of the
 * companies this run may sync, collected into {@code local_alx_api_timed_changes} once per run
 * and fanned out to the companies of the users who changed ({@code local_alx_api_company_changes}).
 * Each company's incremental pass then reads its own changes through its key, in one statement.
 * <p>
 * Collected once, each source's index is read once for the site: a course completion changes
 * through two timestamps Moodle does not index, and asked per company, every completion of the
 * company's users was read.
 *
 * @param since       the oldest cursor the collection answers for: a company whose cursor is older
 *                    (one an admin unparked after the collection) gets a full pass instead
 * @param collectedAt database time taken before the collection; a change after it may be missing,
 *                    so a pass that relies on the collection counts as started no later than this
 */
public record TimedChanges(long since, long collectedAt) {

    private static final String TABLE = "{local_alx_api_timed_changes}";
    private static final String BY_COMPANY = "{local_alx_api_company_changes}";

    /**
     * The five timestamped sources, each one statement returning (userid, courseid, changed_at) of
     * the pairs it changed since the bound parameters.
     */
    enum Source {
        COURSE_COMPLETIONS("""
                SELECT userid, course, GREATEST(COALESCE(timecompleted, 0), timestarted, timeenrolled)
                  FROM {course_completions}
                 WHERE timecompleted >= ? OR timestarted >= ? OR timeenrolled >= ?""", 3),
        MODULE_COMPLETIONS("""
                SELECT cmc.userid, cm.course, MAX(cmc.timemodified)
                  FROM {course_modules_completion} cmc
                  JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid
                 WHERE cmc.timemodified >= ?
                 GROUP BY cmc.userid, cm.course""", 1),
        // Moodle stamps timemodified with timecreated when it creates an enrolment; testing only
        // timemodified lets the range scan use its index.
        ENROLMENTS("""
                SELECT ue.userid, e.courseid, MAX(ue.timemodified)
                  FROM {user_enrolments} ue
                  JOIN {enrol} e ON e.id = ue.enrolid
                 WHERE ue.timemodified >= ?
                 GROUP BY ue.userid, e.courseid""", 1),
        USER_PROFILES("""
                SELECT ue.userid, e.courseid, MAX(u.timemodified)
                  FROM {user} u
                  JOIN {user_enrolments} ue ON ue.userid = u.id
                  JOIN {enrol} e ON e.id = ue.enrolid
                 WHERE u.timemodified >= ?
                 GROUP BY ue.userid, e.courseid""", 1),
        COURSES("""
                SELECT ue.userid, e.courseid, MAX(c.timemodified)
                  FROM {course} c
                  JOIN {enrol} e ON e.courseid = c.id
                  JOIN {user_enrolments} ue ON ue.enrolid = e.id
                 WHERE c.timemodified >= ?
                 GROUP BY ue.userid, e.courseid""", 1);

        final String select;
        final int sinceParameters;

        Source(String select, int sinceParameters) {
            this.select = select;
            this.sinceParameters = sinceParameters;
        }

        Object[] parameters(long since) {
            Object[] parameters = new Object[sinceParameters];
            java.util.Arrays.fill(parameters, since);
            return parameters;
        }
    }

    /**
     * Collects the changes for every unparked company with a cursor; empty when there is none
     * (every pass is then a full one).
     */
    public static Optional<TimedChanges> collect(Session session) throws SQLException {
        long collectedAt = session.now();
        session.update("DELETE FROM " + TABLE);
        session.update("DELETE FROM " + BY_COMPANY);
        Optional<Long> oldestCursor = oldestCursor(session);
        if (oldestCursor.isEmpty()) {
            return Optional.empty();
        }
        long since = oldestCursor.get();
        for (Source source : Source.values()) {
            session.update("INSERT INTO " + TABLE + " (userid, courseid, changed_at) " + source.select
                    + " ON DUPLICATE KEY UPDATE changed_at = GREATEST(changed_at, VALUES(changed_at))",
                    source.parameters(since));
        }
        // Membership as it is now: a user who joins a company later moves the untimed-changes
        // fingerprint, and that company's next pass sweeps.
        session.update("INSERT INTO " + BY_COMPANY + " (companyid, userid, courseid, changed_at)"
                + " SELECT cu.companyid, ch.userid, ch.courseid, ch.changed_at"
                + "   FROM " + TABLE + " ch JOIN {company_users} cu ON cu.userid = ch.userid");
        return Optional.of(new TimedChanges(since, collectedAt));
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
    private static Optional<Long> oldestCursor(Session session) throws SQLException {
        return session.first("""
                SELECT MIN(s.last_sync_timestamp)
                  FROM {local_alx_api_sync_status} s
                  JOIN {local_alx_api_company_sync} q ON q.companyid = s.companyid
                 WHERE s.last_sync_timestamp > 0 AND q.parked = 0""", rs -> {
            long oldest = rs.getLong(1);
            return rs.wasNull() ? null : oldest;
        });
    }
}
