package alx.reportapi.moodle;

import java.math.BigDecimal;

/** The derived content of one live reporting row. */
public record ReportingRow(long userId, long courseId, String firstname, String lastname, String email,
        String username, String coursename, long timecompleted, long timestarted, BigDecimal percentage,
        String status) {

    public Pair pair() {
        return new Pair(userId, courseId);
    }
}
