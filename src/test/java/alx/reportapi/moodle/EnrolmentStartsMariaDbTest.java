package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A pair started with its earliest active enrolment: its start, or its creation when no start was set. */
class EnrolmentStartsMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubset("enrolstart");

    @Test
    void theEarliestActiveEnrolmentOfEachPairCounts() throws SQLException {
        // Course 10 has a manual (1) and a self (2) instance; course 20's instance (3) is disabled; course 30's is on.
        execute("INSERT INTO {enrol} (id, enrol, status, courseid) VALUES (1, 'manual', 0, 10), (2, 'self', 0, 10),"
                + " (3, 'manual', 1, 20), (4, 'manual', 0, 30)");
        execute("INSERT INTO {user_enrolments} (status, enrolid, userid, timestart, timecreated) VALUES"
                + " (0, 1, 5, 500, 100),"   // started at 500
                + " (0, 2, 5, 0, 300),"     // no start set: created at 300, the earliest
                + " (0, 3, 5, 50, 50),"     // a disabled instance counts for nothing
                + " (1, 4, 5, 60, 60),"     // a suspended enrolment counts for nothing
                + " (0, 4, 6, 0, 700)");    // another user
        EnrolmentStarts starts = new EnrolmentStarts("SELECT ue.userid, e.courseid,"
                + " CASE WHEN ue.timestart > 0 THEN ue.timestart ELSE ue.timecreated END FROM {user_enrolments} ue"
                + " JOIN {enrol} e ON e.id = ue.enrolid WHERE ue.status = 0 AND e.status = 0 AND ue.userid = ?");
        try (Connection connection = mariaDb.database().connect()) {
            assertEquals(Map.of(new Pair(5, 10), 300L), starts.earliest(Session.of(mariaDb.database(), connection, 30),
                    new Object[] {5L}));
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(mariaDb.database().sql(template));
        }
    }
}
