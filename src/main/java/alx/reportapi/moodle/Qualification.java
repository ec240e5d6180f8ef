package alx.reportapi.moodle;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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

    /**
     * The order in which the rule reads its tables; the conditions are the same in both. The
     * enrolment is the rule's costly step: found from the member, it is one of all the member's
     * enrolments, each read until the pair's course comes up; found from the course, it is one
     * key lookup among the course's few instances.
     */
    private enum Order {
        /** A company's members drive the rule: every course of each member comes out. */
        MEMBERS_FIRST("cu", "u", "ue", "e", "c", "ctx", "ra", "r"),
        /** One given pair is tested: its course's instances lead to the member's enrolment. */
        PAIR_FIRST("cu", "u", "c", "e", "ue", "ctx", "ra", "r");

        private final List<String> aliases;

        Order(String... aliases) {
            this.aliases = List.of(aliases);
        }
    }

    /** Each of the rule's tables, by its alias. */
    private static final Map<String, String> TABLES = Map.of("cu", "{company_users}", "u", "{user}",
            "ue", "{user_enrolments}", "e", "{enrol}", "c", "{course}", "ctx", "{context}",
            "ra", "{role_assignments}", "r", "{role}");

    /**
     * How the rule's tables join, each condition between two of them: listed apart from the tables,
     * they hold in either order of reading.
     */
    private static final String JOINS = """
            %1$su.id = %1$scu.userid
               AND %1$sue.userid = %1$scu.userid
               AND %1$se.id = %1$sue.enrolid
               AND %1$sc.id = %1$se.courseid
               AND %1$sctx.instanceid = %1$sc.id AND %1$sctx.contextlevel = %2$d
               AND %1$sra.userid = %1$scu.userid AND %1$sra.contextid = %1$sctx.id
               AND %1$sr.id = %1$sra.roleid""";

    private Qualification() {
    }

    /**
     * All qualifying pairs of one company, as rows of (companyid, userid, courseid); one parameter,
     * the company id. A pair with two active enrolments appears twice: callers insert with IGNORE.
     * Aliases {@code cu} and {@code e} may be used in conditions appended by callers.
     */
    public static String pairsOfCompany() {
        return "SELECT /*! STRAIGHT_JOIN */ cu.companyid, cu.userid, e.courseid" + rule("", Order.MEMBERS_FIRST)
                + "\n   AND cu.companyid = ?";
    }

    /** As {@link #pairsOfCompany()}, with a fourth column 1 that marks each pair as qualifying. */
    public static String qualifiedPairsOfCompany() {
        return "SELECT /*! STRAIGHT_JOIN */ cu.companyid, cu.userid, e.courseid, 1" + rule("", Order.MEMBERS_FIRST)
                + "\n   AND cu.companyid = ?";
    }

    /**
     * A condition true when the pair in the row aliased {@code alias} (columns companyid, userid,
     * courseid) qualifies. No parameters.
     */
    public static String qualifies(String alias) {
        return "EXISTS (SELECT /*! STRAIGHT_JOIN */ 1" + rule("q", Order.PAIR_FIRST)
                + "\n   AND qcu.companyid = %1$s.companyid AND qcu.userid = %1$s.userid".formatted(alias)
                + " AND qe.courseid = %s.courseid)".formatted(alias);
    }

    /**
     * The rule as one statement's FROM and WHERE, with every table alias prefixed by {@code p}, its
     * tables listed in {@code order}: a statement that selects {@code STRAIGHT_JOIN} reads them so.
     */
    private static String rule(String p, Order order) {
        String from = order.aliases.stream().map(alias -> TABLES.get(alias) + " " + p + alias)
                .collect(Collectors.joining(", "));
        return """

                  FROM %s
                 WHERE %s
                   AND %s AND %s
                   AND %s
                   AND %s
                   AND %s""".formatted(from, JOINS.formatted(p, COURSE_CONTEXT), userNotDeleted(p + "u"),
                userNotSuspended(p + "u"), enrolmentActive(p + "ue", p + "e"), courseReported(p + "c"),
                studentRole(p + "r"));
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
