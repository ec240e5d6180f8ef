package alx.reportapi.moodle;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the reporting rows of one page of a company's pending pairs in a single statement:
 * the pairs in the key range {@code (after, upTo]} that qualify, with the facts of SPEC 2.3.
 * Pending pairs that do not come back no longer qualify.
 */
public final class RowDerivation {

    private static final String FACTS = """
            SELECT p.userid, p.courseid, u.firstname, u.lastname, u.email, u.username, c.fullname,
                   COALESCE(cc.timecompleted, 0) AS cc_completed,
                   COALESCE(cc.timestarted, 0) AS cc_started,
                   (SELECT COUNT(*) FROM {course_modules} tm
                     WHERE tm.course = p.courseid AND tm.completion > 0 AND tm.deletioninprogress = 0) AS tracked,
                   (SELECT COUNT(*) FROM {course_modules_completion} dmc
                      JOIN {course_modules} dm ON dm.id = dmc.coursemoduleid
                     WHERE dmc.userid = p.userid AND dm.course = p.courseid AND dm.completion > 0
                       AND dm.deletioninprogress = 0 AND dmc.completionstate IN (1, 2)) AS done,
                   (SELECT MAX(lmc.timemodified) FROM {course_modules_completion} lmc
                      JOIN {course_modules} lm ON lm.id = lmc.coursemoduleid
                     WHERE lmc.userid = p.userid AND lm.course = p.courseid AND lm.completion > 0
                       AND lm.deletioninprogress = 0 AND lmc.completionstate IN (1, 2)) AS last_done,
                   (SELECT COUNT(*) FROM {course_modules_completion} pmc
                      JOIN {course_modules} pm ON pm.id = pmc.coursemoduleid
                     WHERE pmc.userid = p.userid AND pm.course = p.courseid AND pmc.completionstate > 0) AS progressed,
                   (SELECT MIN(CASE WHEN sue.timestart > 0 THEN sue.timestart ELSE sue.timecreated END)
                      FROM {user_enrolments} sue
                      JOIN {enrol} se ON se.id = sue.enrolid
                     WHERE sue.userid = p.userid AND se.courseid = p.courseid
                       AND sue.status = 0 AND se.status = 0) AS first_start
              FROM {local_alx_api_pending_pairs} p
              JOIN {user} u ON u.id = p.userid
              JOIN {course} c ON c.id = p.courseid
              LEFT JOIN {course_completions} cc ON cc.userid = p.userid AND cc.course = p.courseid
             WHERE p.companyid = ?
               AND (p.userid > ? OR (p.userid = ? AND p.courseid > ?))
               AND (p.userid < ? OR (p.userid = ? AND p.courseid <= ?))
               AND """;

    private final String sql;

    public RowDerivation(Database database) {
        // OR evaluates left to right and stops at the first true: the rule's 8-table test runs only
        // for pairs that came from a timestamp, not from the rule itself.
        this.sql = database.sql(PerRowExists.plan(FACTS + " (p.qualified = 1 OR " + Qualification.qualifies("p") + ")"));
    }

    public List<ReportingRow> derive(Connection connection, long companyId, Pair after, Pair upTo,
            int timeoutSeconds) throws SQLException {
        List<ReportingRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setLong(2, after.userId());
            statement.setLong(3, after.userId());
            statement.setLong(4, after.courseId());
            statement.setLong(5, upTo.userId());
            statement.setLong(6, upTo.userId());
            statement.setLong(7, upTo.courseId());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(ProgressRules.derive(new PairFacts(rs.getLong(1), rs.getLong(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8),
                            rs.getLong(9), rs.getInt(10), rs.getInt(11), rs.getLong(12), rs.getInt(13),
                            rs.getLong(14))));
                }
            }
        }
        return rows;
    }
}
