package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Derives the reporting rows of one page of a company's pending pairs: the pairs in the key range
 * {@code (after, upTo]} that qualify, with the facts the reporting rules need. Pending pairs that do not come
 * back no longer qualify.
 * <p>
 * Three statements in the caller's transaction: the pairs with their user, course and course
 * completion facts; the module completions of the page's pairs, summed by user and course in
 * {@link ModuleCompletions}; and their active enrolments, the earliest start per pair taken in
 * {@link EnrolmentStarts}. How many modules each course tracks, and which course each module
 * belongs to, comes from the run's {@link CourseModules}. Each source is read once for the page,
 * never once per pair, along the path the page's {@link Reach} names.
 */
public final class RowDerivation {

    private static final String PAGE = """
             WHERE p.companyid = ?
               AND (p.userid > ? OR (p.userid = ? AND p.courseid > ?))
               AND (p.userid < ? OR (p.userid = ? AND p.courseid <= ?))""";

    private static final String FACTS = """
            SELECT p.userid, p.courseid, u.firstname, u.lastname, u.email, u.username, c.fullname,
                   COALESCE(cc.timecompleted, 0) AS cc_completed,
                   COALESCE(cc.timestarted, 0) AS cc_started
              FROM {local_alx_api_pending_pairs} p
              JOIN {user} u ON u.id = p.userid
              JOIN {course} c ON c.id = p.courseid
              LEFT JOIN {course_completions} cc ON cc.userid = p.userid AND cc.course = p.courseid
            """ + PAGE + "\n   AND ";

    /**
     * The module completions of the page's users, every one of them: each user's completions are
     * one range of Moodle's (userid, coursemoduleid) index. The page's users drive the join: with
     * the pending-pairs table's statistics taken while it was nearly empty or full, the optimizer
     * could otherwise start from the module completions.
     */
    private static final String MODULE_COMPLETIONS_OF_USERS = """
            SELECT /*! STRAIGHT_JOIN */ mc.userid, mc.coursemoduleid, mc.completionstate, mc.timemodified
              FROM (SELECT DISTINCT p.userid FROM {local_alx_api_pending_pairs} p
            """ + PAGE + """
            ) pu
              JOIN {course_modules_completion} mc ON mc.userid = pu.userid""";

    /**
     * The module completions of the page's pairs only: each pair's course's modules, each looked
     * up by (userid, coursemoduleid). A module the run's scan saw that is gone from its course
     * since then counts for nothing here; Moodle deletes its completions with it.
     */
    private static final String MODULE_COMPLETIONS_OF_PAIRS = """
            SELECT /*! STRAIGHT_JOIN */ mc.userid, mc.coursemoduleid, mc.completionstate, mc.timemodified
              FROM {local_alx_api_pending_pairs} p
              JOIN {course_modules} cm ON cm.course = p.courseid
              JOIN {course_modules_completion} mc ON mc.userid = p.userid AND mc.coursemoduleid = cm.id
            """ + PAGE;

    /**
     * The columns both enrolment reads return: the pair, and the enrolment's start, or its
     * creation when no start was set.
     */
    private static final String ENROLMENT_START_COLUMNS = """
            SELECT /*! STRAIGHT_JOIN */ ue.userid, e.courseid,
                   CASE WHEN ue.timestart > 0 THEN ue.timestart ELSE ue.timecreated END
            """;
    /** Neither the enrolment nor its instance disabled, as the qualification rule says. */
    private static final String ACTIVE = Qualification.enrolmentActive("ue", "e");

    /** The active enrolments of the page's users, every one of them, through Moodle's index on the user. */
    private static final String ENROLMENT_STARTS_OF_USERS = ENROLMENT_START_COLUMNS + """
              FROM (SELECT DISTINCT p.userid FROM {local_alx_api_pending_pairs} p
            """ + PAGE + """
            ) pu
              JOIN {user_enrolments} ue ON ue.userid = pu.userid
              JOIN {enrol} e ON e.id = ue.enrolid
             WHERE\s""" + ACTIVE;

    /** The active enrolments of the page's pairs only: each pair's course's instances, by (enrolid, userid). */
    private static final String ENROLMENT_STARTS_OF_PAIRS = ENROLMENT_START_COLUMNS + """
              FROM {local_alx_api_pending_pairs} p
              JOIN {enrol} e ON e.courseid = p.courseid
              JOIN {user_enrolments} ue ON ue.enrolid = e.id AND ue.userid = p.userid
            """ + PAGE + "\n   AND " + ACTIVE;

    // OR evaluates left to right and stops at the first true: the rule's 8-table test runs only
    // for pairs that came from a timestamp, not from the rule itself.
    private static final String FACTS_OF_QUALIFYING = PerRowExists.plan(FACTS + " (p.qualified = 1 OR "
            + Qualification.qualifies("p") + ")");

    /**
     * Which rows of Moodle's two largest tables a page reads: those of its users, or those of its
     * pairs. A user's rows are one index range, read at about the cost of three pairs' lookups
     * through their courses (docs/BENCHMARKS.md): a page of a full pass, or of a verification
     * slice, holds all of each user's pairs; an incremental page often holds one of each, as when
     * a course's every learner changes at once.
     */
    public enum Reach {
        USERS(MODULE_COMPLETIONS_OF_USERS, ENROLMENT_STARTS_OF_USERS),
        PAIRS(MODULE_COMPLETIONS_OF_PAIRS, ENROLMENT_STARTS_OF_PAIRS);

        /** Fewer pairs than this a user, on average, and a page reads by pairs. */
        static final int PAIRS_PER_USER_READ_BY_USER = 3;

        private final ModuleCompletions moduleCompletions;
        private final EnrolmentStarts enrolmentStarts;

        Reach(String moduleCompletionsSql, String enrolmentStartsSql) {
            this.moduleCompletions = new ModuleCompletions(moduleCompletionsSql);
            this.enrolmentStarts = new EnrolmentStarts(enrolmentStartsSql);
        }

        /** The cheaper reach for a page of these pairs. */
        public static Reach of(Collection<Pair> pairs) {
            long users = pairs.stream().mapToLong(Pair::userId).distinct().count();
            return pairs.size() < PAIRS_PER_USER_READ_BY_USER * users ? PAIRS : USERS;
        }
    }

    /**
     * Runs in the caller's transaction, so that its statements read one snapshot and see the
     * pending pairs that transaction wrote.
     *
     * @param reach         the rows of Moodle's largest tables the page reads ({@link Reach#of})
     * @param courseModules the run's scan, which counts each course's tracked modules
     */
    public List<ReportingRow> derive(Session inTransaction, long companyId, Pair after, Pair upTo, Reach reach,
            CourseModules courseModules) throws SQLException {
        Object[] page = pageParameters(companyId, after, upTo);
        Map<Pair, ModuleFacts> modules = reach.moduleCompletions.facts(inTransaction, page, courseModules.modules());
        Map<Pair, Long> starts = reach.enrolmentStarts.earliest(inTransaction, page);
        return facts(inTransaction, page, modules, starts, courseModules);
    }

    private List<ReportingRow> facts(Session session, Object[] page, Map<Pair, ModuleFacts> modules,
            Map<Pair, Long> starts, CourseModules courseModules) throws SQLException {
        List<ReportingRow> rows = new ArrayList<>();
        try (PreparedStatement statement = session.prepare(FACTS_OF_QUALIFYING, page)) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long userId = rs.getLong(1);
                    long courseId = rs.getLong(2);
                    Pair pair = new Pair(userId, courseId);
                    ModuleFacts done = modules.getOrDefault(pair, ModuleFacts.NONE);
                    int tracked = courseModules.tracked(courseId);
                    // A module tracked since the run's scan may be done already; its course's
                    // fingerprint moved, so the next run derives the pair again with the new count.
                    int completed = Math.min(done.completed(), tracked);
                    rows.add(ProgressRules.derive(new PairFacts(userId, courseId, rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                            tracked, completed, done.lastCompletedAt(), done.progressed(), starts.getOrDefault(pair, 0L))));
                }
            }
        }
        return rows;
    }

    /** The parameters of {@link #PAGE}: the company and the key range (after, upTo]. */
    private static Object[] pageParameters(long companyId, Pair after, Pair upTo) {
        return new Object[] {companyId, after.userId(), after.userId(), after.courseId(), upTo.userId(),
                upTo.userId(), upTo.courseId()};
    }
}
