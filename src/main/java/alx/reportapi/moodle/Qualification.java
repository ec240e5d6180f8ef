package alx.reportapi.moodle;

/**
 * When a (user, course) pair belongs in a company's reporting (SPEC 2.3), as SQL: the user is in
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
     */
    public static String pairsOfCompany() {
        return """
                SELECT cu.companyid, cu.userid, e.courseid
                  FROM {company_users} cu
                  JOIN {user} u ON u.id = cu.userid
                  JOIN {user_enrolments} ue ON ue.userid = cu.userid
                  JOIN {enrol} e ON e.id = ue.enrolid
                  JOIN {course} c ON c.id = e.courseid
                  JOIN {context} ctx ON ctx.instanceid = c.id AND ctx.contextlevel = %d
                  JOIN {role_assignments} ra ON ra.userid = cu.userid AND ra.contextid = ctx.id
                  JOIN {role} r ON r.id = ra.roleid
                 WHERE cu.companyid = ?
                   AND u.deleted = 0 AND u.suspended = 0
                   AND ue.status = 0 AND e.status = 0
                   AND c.visible = 1 AND c.id <> %d
                   AND r.shortname = 'student'""".formatted(COURSE_CONTEXT, SITE_COURSE);
    }

    /**
     * A condition true when the pair in the row aliased {@code alias} (columns companyid, userid,
     * courseid) qualifies. No parameters.
     */
    public static String qualifies(String alias) {
        return """
                EXISTS (SELECT 1
                          FROM {company_users} qcu
                          JOIN {user} qu ON qu.id = qcu.userid
                          JOIN {user_enrolments} que ON que.userid = qcu.userid
                          JOIN {enrol} qe ON qe.id = que.enrolid
                          JOIN {course} qc ON qc.id = qe.courseid
                          JOIN {context} qctx ON qctx.instanceid = qc.id AND qctx.contextlevel = %d
                          JOIN {role_assignments} qra ON qra.userid = qcu.userid AND qra.contextid = qctx.id
                          JOIN {role} qr ON qr.id = qra.roleid
                         WHERE qcu.companyid = %s.companyid AND qcu.userid = %s.userid AND qe.courseid = %s.courseid
                           AND qu.deleted = 0 AND qu.suspended = 0
                           AND que.status = 0 AND qe.status = 0
                           AND qc.visible = 1 AND qc.id <> %d
                           AND qr.shortname = 'student')"""
                .formatted(COURSE_CONTEXT, alias, alias, alias, SITE_COURSE);
    }
}
