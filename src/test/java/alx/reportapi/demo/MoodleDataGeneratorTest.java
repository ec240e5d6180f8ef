package alx.reportapi.demo;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generator at scale 1 produces the counts and proportions of a real site, deterministically. */
class MoodleDataGeneratorTest {

    @Test
    void scaleOneHasTheStatedCountsAndMix() throws SQLException {
        try (TestDatabase database = TestDatabase.create("generator")) {
            GeneratedSite site = GeneratedMoodle.load(database.database(), 42, 1);
            assertEquals(10, site.companies());
            assertEquals(10_000, site.users());
            assertEquals(50, site.courses());
            assertEquals(400, site.trackedModules(), "8 tracked modules per course");
            long enrolments = count(database, "SELECT COUNT(*) FROM mdl_user_enrolments");
            assertTrue(enrolments > 95_000 && enrolments < 115_000, enrolments + " enrolments");
            long pairs = count(database, "SELECT COUNT(*) FROM mdl_course_completions");

            double perEnrolment = ratio(database, "SELECT COUNT(*) FROM mdl_course_modules_completion", pairs);
            assertTrue(perEnrolment > 3.5 && perEnrolment < 4.5, "module completions per enrolment: " + perEnrolment);
            double twice = ratio(database, "SELECT COUNT(*) FROM (SELECT ue.userid, e.courseid FROM mdl_user_enrolments ue"
                    + " JOIN mdl_enrol e ON e.id = ue.enrolid GROUP BY ue.userid, e.courseid"
                    + " HAVING COUNT(*) = 2 AND MIN(ue.timestart) <> MAX(ue.timestart)) x", pairs);
            assertTrue(twice > 0.03 && twice < 0.07, "learners enrolled twice in a course, with other starts: " + twice);
            assertTrue(count(database, "SELECT COUNT(*) FROM mdl_enrol WHERE status = 1") > 0, "disabled instances");
            assertTrue(count(database, "SELECT COUNT(*) FROM mdl_user_enrolments ue JOIN mdl_enrol e ON e.id = ue.enrolid"
                    + " WHERE e.status = 1") > 0, "learners enrolled through a disabled instance");
            double suspended = ratio(database, "SELECT COUNT(*) FROM mdl_user_enrolments WHERE status = 1", enrolments);
            assertTrue(suspended > 0.02 && suspended < 0.06, "suspended enrolments: " + suspended);
            long now = System.currentTimeMillis() / 1000;
            double ended = ratio(database, "SELECT COUNT(*) FROM mdl_user_enrolments WHERE timeend > 0 AND timeend < "
                    + now, enrolments);
            assertTrue(ended > 0.07 && ended < 0.13, "enrolments whose window ended: " + ended);
            double endsLater = ratio(database, "SELECT COUNT(*) FROM mdl_user_enrolments WHERE timeend > " + now,
                    enrolments);
            assertTrue(endsLater > 0.05 && endsLater < 0.11, "enrolments whose window ends in the future: " + endsLater);

            double inTwoCompanies = ratio(database, "SELECT COUNT(*) FROM (SELECT userid FROM mdl_company_users"
                    + " GROUP BY userid HAVING COUNT(*) = 2) x", 10_000);
            assertTrue(inTwoCompanies > 0.01 && inTwoCompanies < 0.03, "users in two companies: " + inTwoCompanies);
            double gone = ratio(database, "SELECT COUNT(*) FROM mdl_user WHERE deleted = 1 OR suspended = 1", 10_000);
            assertTrue(gone > 0.005 && gone < 0.02, "deleted or suspended: " + gone);

            double complete = ratio(database, "SELECT COUNT(*) FROM mdl_course_completions WHERE timecompleted > 0",
                    pairs);
            assertTrue(complete > 0.25 && complete < 0.35, "complete: " + complete);
            double partial = ratio(database, "SELECT COUNT(*) FROM (SELECT cmc.userid, cm.course"
                    + " FROM mdl_course_modules_completion cmc JOIN mdl_course_modules cm ON cm.id = cmc.coursemoduleid"
                    + " LEFT JOIN mdl_course_completions cc ON cc.userid = cmc.userid AND cc.course = cm.course"
                    + " WHERE COALESCE(cc.timecompleted, 0) = 0 GROUP BY cmc.userid, cm.course) p", pairs);
            assertTrue(partial > 0.3 && partial < 0.5, "partial progress: " + partial);

            assertTrue(count(database, "SELECT COUNT(*) FROM mdl_course WHERE visible = 0") > 0, "a few hidden courses");
            assertEquals(1, count(database, "SELECT COUNT(*) FROM mdl_course WHERE id = 1"));
        }
    }

    @Test
    void theSameSeedGivesTheSameSite() throws SQLException {
        try (TestDatabase first = TestDatabase.create("generator"); TestDatabase second = TestDatabase.create("generator")) {
            GeneratedMoodle.load(first.database(), 7, 0.05);
            GeneratedMoodle.load(second.database(), 7, 0.05);
            String sql = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', userid, coursemoduleid, completionstate,"
                    + " timemodified))) FROM mdl_course_modules_completion";
            assertEquals(text(first, sql), text(second, sql));
            String enrolments = "SELECT COUNT(*), SUM(CRC32(CONCAT_WS('|', id, status, enrolid, userid, timestart,"
                    + " timeend, timecreated))) FROM mdl_user_enrolments";
            assertEquals(text(first, enrolments), text(second, enrolments));
        }
    }

    @Test
    void aScaleOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MoodleDataGenerator(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new MoodleDataGenerator(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new MoodleDataGenerator(1, 1000));
        assertThrows(IllegalArgumentException.class, () -> new MoodleDataGenerator(1, Double.NaN));
    }

    private static double ratio(TestDatabase database, String sql, long total) throws SQLException {
        return count(database, sql) / (double) total;
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        return Long.parseLong(text(database, sql));
    }

    private static String text(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1) + (rs.getMetaData().getColumnCount() > 1 ? "/" + rs.getString(2) : "");
        }
    }
}
