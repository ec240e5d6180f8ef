package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * When each pair of a page started, by its active enrolments (the earliest start, or creation
 * when no start was set), from one read of the page's users' active enrolments: a correlated
 * subquery per pair would read all of the user's enrolments again for each of the user's courses.
 */
final class EnrolmentStarts {

    private final String enrolmentsSql;

    /**
     * @param enrolmentsSql returns (userid, courseid, start) of the page's users' active
     *                      enrolments; its parameters name the page
     */
    EnrolmentStarts(String enrolmentsSql) {
        this.enrolmentsSql = enrolmentsSql;
    }

    /** The earliest start per pair; a pair without an active enrolment is absent. */
    Map<Pair, Long> earliest(Session session, Object[] page) throws SQLException {
        Map<Pair, Long> starts = new HashMap<>();
        try (PreparedStatement statement = session.prepare(enrolmentsSql, page)) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    starts.merge(new Pair(rs.getLong(1), rs.getLong(2)), rs.getLong(3), Math::min);
                }
            }
        }
        return starts;
    }
}
