package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run's one collection of pairs changed by the five timestamped sources, the same on MariaDB
 * and on the demo's H2.
 */
abstract class TimedChangesContract {

    private Database database;

    protected abstract Database openDatabase();

    protected abstract void closeDatabase() throws SQLException;

    @BeforeEach
    void setUp() {
        database = openDatabase();
        TestSchemas.moodleSubsetAndPluginTables(database);
        execute("INSERT INTO {course_completions} (userid, course, timeenrolled, timestarted, timecompleted) VALUES"
                + " (11, 2, 100, 1500, NULL), (12, 2, 100, 200, 500), (13, 3, 2500, 0, NULL), (14, 3, 100, 0, 1000)");
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES (21, 2, 1, 0),"
                + " (22, 2, 1, 0), (31, 3, 1, 0)");
        execute("INSERT INTO {course_modules_completion} (coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (21, 11, 1, 1700), (22, 11, 1, 1600), (21, 15, 1, 999), (31, 16, 1, 3000), (31, 14, 1, 900)");
        execute("INSERT INTO {course} (id, fullname, timemodified) VALUES (2, 'Two', 100), (3, 'Three', 100),"
                + " (4, 'Four, its settings saved', 4000)");
        execute("INSERT INTO {enrol} (id, enrol, courseid) VALUES (102, 'manual', 2), (103, 'manual', 3),"
                + " (104, 'manual', 4)");
        execute("INSERT INTO {user} (id, username, timemodified) VALUES (11, 'u11', 0), (12, 'u12', 0),"
                + " (17, 'u17', 1200), (18, 'u18', 500), (19, 'u19', 0)");
        execute("INSERT INTO {user_enrolments} (enrolid, userid, timemodified) VALUES (102, 11, 1800),"
                + " (102, 12, 900), (102, 17, 100), (103, 18, 2200), (104, 19, 100)");
    }

    @AfterEach
    void tearDown() throws SQLException {
        closeDatabase();
    }

    @Test
    void withoutAnyCursorNothingIsCollectedAndEveryPassIsAFullOne() throws SQLException {
        try (Connection connection = database.connect()) {
            assertEquals(Optional.empty(), TimedChanges.collect(Session.of(database, connection, 30)));
        }
        assertEquals(List.of(), collected());
    }

    @Test
    void theOldestCursorDecidesWhatIsCollectedAndByEveryTimestamp() throws SQLException {
        execute("INSERT INTO {local_alx_api_sync_status} (companyid, token_hash, last_sync_timestamp) VALUES"
                + " (1, 'a', 2000), (2, 'b', 1000), (3, 'c', 0), (4, 'd', 10)");
        execute("INSERT INTO {local_alx_api_company_sync} (companyid, parked) VALUES (1, 0), (2, 0), (3, 0), (4, 1)");
        execute("INSERT INTO {local_alx_api_timed_changes} (userid, courseid, changed_at) VALUES (99, 9, 9999)");
        TimedChanges changes;
        try (Connection connection = database.connect()) {
            changes = TimedChanges.collect(Session.of(database, connection, 30)).orElseThrow();
        }
        assertEquals(1000, changes.since(),
                "a company without a cursor has a full pass, and a parked one is not synced: neither counts");
        assertEquals(List.of("11/2@1700", "12/2@86900", "13/3@2500", "14/3@87400", "16/3@3000"), collected(),
                "course completions started, enrolled or completed (a completion counts as changed for a day after"
                        + " its stamp, which the completion cron backdates) and module completions count, the latest"
                        + " change of a pair wins; older changes and the last run's rows do not, nor the timestamps"
                        + " of enrolments, users and courses (the digests compare what a row takes from them)");
        assertTrue(changes.answersFor(1000));
        assertFalse(changes.answersFor(999), "a company with an older cursor gets a full pass");
        long collectedAt = changes.collectedAt();
        assertEquals(collectedAt - 1000, changes.passStart(collectedAt - 1000));
        assertEquals(collectedAt, changes.passStart(collectedAt + 1000),
                "a pass counts as started no later than the collection");
    }

    @Test
    void eachCompanyReadsTheChangesOfItsOwnUsersSinceItsCursor() throws SQLException {
        execute("INSERT INTO {local_alx_api_sync_status} (companyid, token_hash, last_sync_timestamp) VALUES"
                + " (1, 'a', 1000), (2, 'b', 1000)");
        execute("INSERT INTO {local_alx_api_company_sync} (companyid, parked) VALUES (1, 0), (2, 0)");
        // User 13 belongs to both companies; 19 to none; 18 changed nothing.
        execute("INSERT INTO {company_users} (companyid, userid) VALUES (1, 11), (1, 13), (2, 13), (2, 17), (2, 18)");
        execute("INSERT INTO {course_modules_completion} (coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (21, 17, 1, 1200)");
        try (Connection connection = database.connect()) {
            TimedChanges.collect(Session.of(database, connection, 30)).orElseThrow();
        }
        assertEquals(List.of("1/11/2", "1/13/3"), companyPairsSince(1, 1000));
        assertEquals(List.of("2/13/3", "2/17/2"), companyPairsSince(2, 1000));
        assertEquals(List.of("2/13/3"), companyPairsSince(2, 2000),
                "a company reads only what changed since its own cursor");
        assertEquals(List.of(), companyPairsSince(3, 0));
    }

    private List<String> companyPairsSince(long companyId, long since) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(
                database.sql(TimedChanges.pairsOfCompanySince() + " ORDER BY userid, courseid"))) {
            statement.setLong(1, companyId);
            statement.setLong(2, since);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3));
                }
            }
        }
        return rows;
    }

    private List<String> collected() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql(
                     "SELECT userid, courseid, changed_at FROM {local_alx_api_timed_changes}"
                             + " ORDER BY userid, courseid"))) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "/" + rs.getLong(2) + "@" + rs.getLong(3));
            }
        }
        return rows;
    }

    private void execute(String template) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.execute(database.sql(template));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
