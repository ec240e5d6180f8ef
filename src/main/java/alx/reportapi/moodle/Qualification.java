package alx.reportapi.moodle;

/**
 * When a (user, course) pair belongs in a company's reporting, as SQL: the user is in
 * the company, neither deleted nor suspended; the course is visible and not the site course; the
 * user holds an active enrolment in that course itself (active instance, active enrolment) and
 * the student role in the course's context.
 * <p>
 * The PHP plugin joined the enrolment without tying it to the course; both fragments here tie
 * {@code enrol.courseid} to the pair's course.
 */
public final class Qualification {

    /** Moodle's CONTEXT_COURSE. */
    public static final int COURSE_CONTEXT = 50;
    /** Moodle's SITEID: the front page course, never reported. */
    public static final int SITE_COURSE = 1;

    private Qualification() {
    }

    /**
     * All qualifying pairs of one company, as rows of (companyid, userid, courseid); one parameter,
     * the company id. A pair with two active enrolments appears twice: callers insert with IGNORE.
     * Aliases {@code cu} and {@code e} may be used in conditions appended by callers.
     */
    public static String pairsOfCompany() {
        return "SELECT /*! STRAIGHT_JOIN */ cu.companyid, cu.userid, e.courseid" + rule("") + "\n   AND cu.companyid = ?";
    }

    /** As {@link #pairsOfCompany()}, with a fourth column 1 that marks each pair as qualifying. */
    public static String qualifiedPairsOfCompany() {
        return "SELECT /*! STRAIGHT_JOIN */ cu.companyid, cu.userid, e.courseid, 1" + rule("") + "\n   AND cu.companyid = ?";
    }

    /**
     * A condition true when the pair in the row aliased {@code alias} (columns companyid, userid,
     * courseid) qualifies. No parameters.
     */
    public static String qualifies(String alias) {
        return "EXISTS (SELECT 1" + rule("q") + "\n   AND qcu.companyid = %1$s.companyid AND qcu.userid = %1$s.userid"
                .formatted(alias) + " AND qe.courseid = %s.courseid)".formatted(alias);
    }

    /** The rule as one statement, with every table alias prefixed by {@code p}. */
    private static String rule(String p) {
        return """

                  FROM {company_users} %1$scu
                  JOIN {user} %1$su ON %1$su.id = %1$scu.userid
                  JOIN {user_enrolments} %1$sue ON %1$sue.userid = %1$scu.userid
                  JOIN {enrol} %1$se ON %1$se.id = %1$sue.enrolid
                  JOIN {course} %1$sc ON %1$sc.id = %1$se.courseid
                  JOIN {context} %1$sctx ON %1$sctx.instanceid = %1$sc.id AND %1$sctx.contextlevel = %2$d
                  JOIN {role_assignments} %1$sra ON %1$sra.userid = %1$scu.userid AND %1$sra.contextid = %1$sctx.id
                  JOIN {role} %1$sr ON %1$sr.id = %1$sra.roleid
                 WHERE %3$s AND %4$s
                   AND %5$s
                   AND %6$s
                   AND %7$s""".formatted(p, COURSE_CONTEXT, userNotDeleted(p + "u"), userNotSuspended(p + "u"),
                enrolmentActive(p + "ue", p + "e"), courseReported(p + "c"), studentRole(p + "r"));
    }

    // Each condition of the rule, written once: the rule joins them, and Disqualification tests
    // them one by one to say which one a pair no longer meets.

    static String userNotDeleted(String user) {
        return user + ".deleted = 0";
    }

    static String userNotSuspended(String user) {
        return user + ".suspended = 0";
    }

    static String enrolmentActive(String userEnrolment, String enrol) {
        return userEnrolment + ".status = 0 AND " + enrol + ".status = 0";
    }

    static String courseReported(String course) {
        return course + ".visible = 1 AND " + course + ".id <> " + SITE_COURSE;
    }

    static String studentRole(String role) {
        return role + ".shortname = 'student'";
    }
}
