package alx.reportapi.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of {@code local_alx_api_reporting} as the report API reads it. */
public record ProgressRow(long userId, long courseId, String firstname, String lastname, String email,
        String username, String coursename, long timecompleted, long timestarted, BigDecimal percentage,
        String status, long lastUpdated, boolean deleted, long timecreated) {

    /** The columns {@link #read(ResultSet)} expects, in its order. */
    public static final String COLUMNS = "userid, courseid, firstname, lastname, email, username, coursename,"
            + " timecompleted, timestarted, percentage, status, last_updated, is_deleted, timecreated";

    /** {@link #COLUMNS} of the reporting table aliased {@code alias}, for statements that join it. */
    public static String columnsOf(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    public static ProgressRow read(ResultSet rs) throws SQLException {
        return new ProgressRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getBigDecimal(10),
                rs.getString(11), rs.getLong(12), rs.getInt(13) != 0, rs.getLong(14));
    }

    /** The percentage as PHP prints a float: no trailing zeros, no fraction for whole values. */
    public String percentageText() {
        BigDecimal value = percentage == null ? BigDecimal.ZERO : percentage;
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
