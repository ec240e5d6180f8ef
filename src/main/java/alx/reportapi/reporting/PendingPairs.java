package alx.reportapi.reporting;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.Pair;

import java.sql.SQLException;
import java.util.List;

/** Reads a company's pending pairs a page at a time, by key: never by offset over a changing table. */
public final class PendingPairs {

    /**
     * A pending pair.
     *
     * @param verifyOnly only the rolling verification asked for it
     */
    public record Pending(Pair pair, boolean verifyOnly) {
    }

    /** Up to {@code limit} pending pairs of the company after {@code after}, in key order. */
    public List<Pending> page(Session session, long companyId, Pair after, int limit) throws SQLException {
        return session.list("""
                SELECT userid, courseid, verify FROM {local_alx_api_pending_pairs}
                 WHERE companyid = ? AND (userid > ? OR (userid = ? AND courseid > ?))
                 ORDER BY userid, courseid
                 LIMIT ?""", rs -> new Pending(new Pair(rs.getLong(1), rs.getLong(2)), rs.getInt(3) != 0), companyId, after.userId(),
                after.userId(), after.courseId(), limit);
    }

    public void clear(Session session, long companyId) throws SQLException {
        session.update("DELETE FROM {local_alx_api_pending_pairs} WHERE companyid = ?", companyId);
    }
}
