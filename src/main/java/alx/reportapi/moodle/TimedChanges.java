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

    /** How far before the oldest cursor course completions are read again (README, Behavior 5). */
    public static final long COMPLETION_CRON_LAG_SECONDS = 86_400;

    private static final String TABLE = "{local_alx_api_timed_changes}";
    private static final String BY_COMPANY = "{local_alx_api_company_changes}";
    /** Qualified: the selects it follows read a changed_at column of their own. */
    private static final String KEEP_LATEST = " ON DUPLICATE KEY UPDATE " + BY_COMPANY + ".changed_at = GREATEST("
            + BY_COMPANY + ".changed_at, VALUES(changed_at))";
    /** How an observation reaches the live rows it may have ended: by user, by course, by pair. */
    private static final String[] OBSERVED_LIVE_ROWS = {
        "{local_alx_api_observed_changes} o JOIN {local_alx_api_reporting} r ON r.userid = o.userid AND o.courseid = 0",
        // The reporting table has no index that starts with the course, so an observed course
        // reaches its rows through the course's enrolments and the (user, course) index: joined
        // on the course alone, every observed course read the whole table. A row whose enrolment
        // Moodle deleted is reached through its user: the deletion changed the user's block of
        // user_enrolments, which the same run observes. A row in a company its learner is a member
        // of is reached already, by the fan-out of the course's pairs: only the rows in other
        // companies are added here, where a renamed course's were written a second time each.
        "{local_alx_api_observed_changes} o JOIN {enrol} e ON e.courseid = o.courseid AND o.userid = 0"
                + " JOIN {user_enrolments} ue ON ue.enrolid = e.id"
                + " JOIN {local_alx_api_reporting} r ON r.userid = ue.userid AND r.courseid = o.courseid"
                + " AND NOT EXISTS (SELECT 1 FROM {company_users} m WHERE m.companyid = r.companyid"
                + " AND m.userid = r.userid)",
        "{local_alx_api_observed_changes} o JOIN {local_alx_api_reporting} r"
                + " ON r.userid = o.userid AND r.courseid = o.courseid"};

    /**
     * The two timestamped sources, each one statement returning (userid, courseid, changed_at) of
     * the pairs it changed since the bound parameters, and the run's observations. Only the
     * completions are read by time: their digests count rows, while a completion changes in place
     * with a fresh stamp. The timestamps of enrolments, users and courses are not read: every
     * column of those tables that a row takes and Moodle changes is in their digests
     * (DigestSource), which change with whatever the timestamp would have marked and see an
     * unstamped or late write as well; a timestamp also moves with settings no row shows (a
     * profile or a course's settings saved).
     */
    enum Source {
        // The completion cron stamps a completion with its latest criterion's time, often hours
        // before it writes it: a completion counts as changed COMPLETION_CRON_LAG_SECONDS after
        // its stamp, so every company re-reads the completions of that window before its cursor.
        COURSE_COMPLETIONS("""
                SELECT userid, course, GREATEST(COALESCE(timecompleted + ?, 0), timestarted, timeenrolled)
                  FROM {course_completions}
                 WHERE timecompleted >= ? OR timestarted >= ? OR timeenrolled >= ?""", 4, false),
        // Moodle has no index on the completions' timemodified: they are read once in table
        // order and filtered, and only the rows that pass look up their module. Planned from
        // course_modules, MariaDB read every completion through the module index instead: 1.42 s
        // against 0.05 s at scale 1.
        MODULE_COMPLETIONS("""
                SELECT /*! STRAIGHT_JOIN */ cmc.userid, cm.course, MAX(cmc.timemodified)
                  FROM {course_modules_completion} cmc
                  JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid
                 WHERE cmc.timemodified >= ?
                 GROUP BY cmc.userid, cm.course""", 1, false),
        // What the run's digests observed (SourceDigests), stamped when a run saw it: the pairs
        // of a changed user block's users, of a changed course, and the pairs found by id. The
        // observations are read first, so that a run with none reads nothing else.
        OBSERVED_USERS("""
                SELECT /*! STRAIGHT_JOIN */ ue.userid, e.courseid, o.observed_at
                  FROM {local_alx_api_observed_changes} o
                  JOIN {user_enrolments} ue ON ue.userid = o.userid
                  JOIN {enrol} e ON e.id = ue.enrolid
                 WHERE o.courseid = 0 AND o.observed_at >= ?""", 1, true),
        OBSERVED_COURSES("""
                SELECT /*! STRAIGHT_JOIN */ ue.userid, e.courseid, o.observed_at
                  FROM {local_alx_api_observed_changes} o
                  JOIN {enrol} e ON e.courseid = o.courseid
                  JOIN {user_enrolments} ue ON ue.enrolid = e.id
                 WHERE o.userid = 0 AND o.observed_at >= ?""", 1, true),
        OBSERVED_PAIRS("""
                SELECT userid, courseid, observed_at
                  FROM {local_alx_api_observed_changes}
                 WHERE userid > 0 AND courseid > 0 AND observed_at >= ?""", 1, true);

        final String select;
        final int sinceParameters;
        /** Read from the run's observations, which the run records after its digests. */
        final boolean observed;

        Source(String select, int sinceParameters, boolean observed) {
            this.select = select;
            this.sinceParameters = sinceParameters;
            this.observed = observed;
        }

        Object[] parameters(long since) {
            Object[] parameters = new Object[sinceParameters];
            java.util.Arrays.fill(parameters, since);
            if (this == COURSE_COMPLETIONS) {
                parameters[0] = COMPLETION_CRON_LAG_SECONDS;
                parameters[1] = since - COMPLETION_CRON_LAG_SECONDS;
            }
            return parameters;
        }
    }

    /**
     * Collects the changes for every unparked company with a cursor; empty when there is none
     * (every pass is then a full one).
     */
    public static Optional<TimedChanges> collect(Session session) throws SQLException {
        return collect(session, oldestCursor(session));
    }

    /** As {@link #collect(Session)}, from the oldest cursor the caller read already. */
    public static Optional<TimedChanges> collect(Session session, Optional<Long> oldestCursor) throws SQLException {
        Optional<Timestamped> timestamped = oldestCursor.isEmpty() ? Optional.empty()
                : Optional.of(collectTimestamped(session, oldestCursor.get()));
        return completeCollection(session, timestamped);
    }

    /**
     * The first part of a collection: the pairs Moodle's tables stamped since {@code since},
     * recorded in place of the previous run's. It reads Moodle's tables and none of the run's own
     * state, so a run may read it beside its digests, in a transaction of its own, before it
     * records what its digests observed; {@link #completeCollection} then adds the observations
     * and fans out.
     */
    public static Timestamped collectTimestamped(Session session, long since) throws SQLException {
        long collectedAt = session.now();
        session.update("DELETE FROM " + TABLE);
        for (Source source : Source.values()) {
            if (!source.observed) {
                session.update(recordInto(source), source.parameters(since));
            }
        }
        return new Timestamped(since, collectedAt);
    }

    /**
     * The rest of a collection, once the run's observations are recorded: the pairs observed since
     * the same bound, and every pair fanned out to the companies of its user; empty, with the
     * previous run's collection cleared, when no company had a cursor to collect for.
     */
    public static Optional<TimedChanges> completeCollection(Session session, Optional<Timestamped> timestamped)
            throws SQLException {
        session.update("DELETE FROM " + BY_COMPANY);
        if (timestamped.isEmpty()) {
            session.update("DELETE FROM " + TABLE);
            return Optional.empty();
        }
        long since = timestamped.get().since();
        for (Source source : Source.values()) {
            if (source.observed) {
                session.update(recordInto(source), source.parameters(since));
            }
        }
        // Membership as it is now: a user who joins or leaves a company later changes the digest of
        // company_users, and the next run observes the user.
        session.update("INSERT INTO " + BY_COMPANY + " (companyid, userid, courseid, changed_at)"
                + " SELECT cu.companyid, ch.userid, ch.courseid, ch.changed_at"
                + "   FROM " + TABLE + " ch JOIN {company_users} cu ON cu.userid = ch.userid" + KEEP_LATEST);
        // An observed change may have ended a pair (an unenrolment, a company left, a course
        // hidden): the live rows of what was observed are re-derived too, in the company that holds them.
        // Observations are read first: with none in the window, the reporting table is not read.
        for (String observedToLiveRows : OBSERVED_LIVE_ROWS) {
            session.update("INSERT INTO " + BY_COMPANY + " (companyid, userid, courseid, changed_at)"
                    + " SELECT /*! STRAIGHT_JOIN */ r.companyid, r.userid, r.courseid, o.observed_at"
                    + "   FROM " + observedToLiveRows
                    + "  WHERE r.is_deleted = 0 AND o.observed_at >= ?" + KEEP_LATEST, since);
        }
        return Optional.of(new TimedChanges(since, timestamped.get().collectedAt()));
    }

    private static String recordInto(Source source) {
        return "INSERT INTO " + TABLE + " (userid, courseid, changed_at) " + source.select
                + " ON DUPLICATE KEY UPDATE changed_at = GREATEST(changed_at, VALUES(changed_at))";
    }

    /**
     * The timestamped part of a collection.
     *
     * @param since       the oldest cursor it answers for
     * @param collectedAt database time taken before its first read
     */
    public record Timestamped(long since, long collectedAt) {
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
    public static Optional<Long> oldestCursor(Session session) throws SQLException {
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
