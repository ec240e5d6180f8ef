package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why a pair no longer belongs in a company's reporting (README, Behavior 25): the first condition
 * of {@link Qualification}'s rule that it fails, tested one by one in the rule's own words. A pair
 * that meets each condition alone (its rows changed back meanwhile) has no reason.
 */
public final class Disqualification {

    /** The reasons, in the order they are tested: the first that holds is the one given. */
    public enum Reason {
        USER_DELETED("user_deleted"),
        USER_SUSPENDED("user_suspended"),
        LEFT_COMPANY("left_company"),
        COURSE_DELETED("course_deleted"),
        COURSE_HIDDEN("course_hidden"),
        UNENROLLED("unenrolled"),
        NOT_A_STUDENT("not_a_student");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** As the change feed writes it. */
        public String code() {
            return code;
        }

        public static Optional<Reason> ofCode(String code) {
            for (Reason reason : values()) {
                if (reason.code.equals(code)) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }

    /** Pairs asked about in one statement; each pair is two parameters. */
    private static final int PAIRS_PER_STATEMENT = 200;

    private static final String REASON = """
            SELECT p.userid, p.courseid, CASE
                   WHEN u.id IS NULL OR NOT (%s) THEN '%s'
                   WHEN NOT (%s) THEN '%s'
                   WHEN NOT EXISTS (SELECT 1 FROM {company_users} cu
                                     WHERE cu.companyid = ? AND cu.userid = p.userid) THEN '%s'
                   WHEN c.id IS NULL THEN '%s'
                   WHEN NOT (%s) THEN '%s'
                   WHEN NOT EXISTS (SELECT 1 FROM {user_enrolments} ue JOIN {enrol} e ON e.id = ue.enrolid
                                     WHERE ue.userid = p.userid AND e.courseid = p.courseid AND %s) THEN '%s'
                   WHEN NOT EXISTS (SELECT 1 FROM {context} ctx
                                      JOIN {role_assignments} ra ON ra.contextid = ctx.id
                                      JOIN {role} r ON r.id = ra.roleid
                                     WHERE ctx.instanceid = p.courseid AND ctx.contextlevel = %d
                                       AND ra.userid = p.userid AND %s) THEN '%s'
                   END
              FROM (%%s) p
              LEFT JOIN {user} u ON u.id = p.userid
              LEFT JOIN {course} c ON c.id = p.courseid""".formatted(
            Qualification.userNotDeleted("u"), Reason.USER_DELETED.code,
            Qualification.userNotSuspended("u"), Reason.USER_SUSPENDED.code,
            Reason.LEFT_COMPANY.code,
            Reason.COURSE_DELETED.code,
            Qualification.courseReported("c"), Reason.COURSE_HIDDEN.code,
            Qualification.enrolmentActive("ue", "e"), Reason.UNENROLLED.code,
            Qualification.COURSE_CONTEXT, Qualification.studentRole("r"), Reason.NOT_A_STUDENT.code);

    private Disqualification() {
    }

    /** The reason of each pair that has one, read in the caller's transaction. */
    public static Map<Pair, Reason> of(Session session, long companyId, Collection<Pair> pairs) throws SQLException {
        Map<Pair, Reason> reasons = new HashMap<>();
        SqlDialect dialect = SqlDialect.of(session);
        List<Pair> all = List.copyOf(pairs);
        for (int from = 0; from < all.size(); from += PAIRS_PER_STATEMENT) {
            List<Pair> chunk = all.subList(from, Math.min(all.size(), from + PAIRS_PER_STATEMENT));
            List<Object> parameters = new ArrayList<>(1 + 2 * chunk.size());
            parameters.add(companyId);
            for (Pair pair : chunk) {
                parameters.add(pair.userId());
                parameters.add(pair.courseId());
            }
            String integer = dialect.integerParameter();
            String pairsTable = ("SELECT %1$s AS userid, %1$s AS courseid" + " UNION ALL SELECT %1$s, %1$s"
                    .repeat(chunk.size() - 1)).formatted(integer);
            for (Map.Entry<Pair, String> row : session.list(REASON.formatted(pairsTable),
                    rs -> Map.entry(new Pair(rs.getLong(1), rs.getLong(2)), String.valueOf(rs.getString(3))),
                    parameters.toArray())) {
                Reason.ofCode(row.getValue()).ifPresent(reason -> reasons.put(row.getKey(), reason));
            }
        }
        return reasons;
    }
}
