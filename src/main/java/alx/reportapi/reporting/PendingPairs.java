package alx.reportapi.reporting;

import alx.reportapi.db.Database;
import alx.reportapi.moodle.Pair;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a company's pending pairs a page at a time, by key: never by offset over a changing table. */
public final class PendingPairs {

    private final Database database;

    public PendingPairs(Database database) {
        this.database = database;
    }

    /** Up to {@code limit} pending pairs of the company after {@code after}, in key order. */
    public List<Pair> page(Connection connection, long companyId, Pair after, int limit, int timeoutSeconds)
            throws SQLException {
        List<Pair> pairs = new ArrayList<>(limit);
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                SELECT userid, courseid FROM {local_alx_api_pending_pairs}
                 WHERE companyid = ? AND (userid > ? OR (userid = ? AND courseid > ?))
                 ORDER BY userid, courseid
                 LIMIT ?"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.setLong(2, after.userId());
            statement.setLong(3, after.userId());
            statement.setLong(4, after.courseId());
            statement.setInt(5, limit);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    pairs.add(new Pair(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return pairs;
    }

    public void clear(Connection connection, long companyId, int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                database.sql("DELETE FROM {local_alx_api_pending_pairs} WHERE companyid = ?"))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.executeUpdate();
        }
    }
}
