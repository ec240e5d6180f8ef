package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A page's module facts summed from its users' completions with the run's module index equal what
 * SPEC 2.3 counts, for modules the scan saw and for modules added or deleted since.
 */
class ModuleCompletionsMariaDbTest {

    private static final long USER = 5;

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubset("modcompl");

    private ModuleCompletions completions;

    @BeforeEach
    void setUp() throws SQLException {
        completions = new ModuleCompletions("SELECT userid, coursemoduleid, completionstate,"
                + " timemodified FROM {course_modules_completion} WHERE userid = ?");
        // Course 10: modules 1 and 2 tracked, 3 untracked, 4 tracked but being deleted. Course 20: module 5.
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES"
                + " (1, 10, 1, 0), (2, 10, 2, 0), (3, 10, 0, 0), (4, 10, 1, 1), (5, 20, 1, 0)");
        execute("INSERT INTO {course_modules_completion} (coursemoduleid, userid, completionstate, timemodified) VALUES"
                + " (1, 5, 1, 100), (2, 5, 3, 400), (3, 5, 1, 500), (4, 5, 2, 600), (5, 5, 2, 700),"
                + " (1, 6, 1, 900)");
    }

    @Test
    void aUsersCompletionsAreSummedPerCourseAsTheScanSawTheModules() throws SQLException {
        assertEquals(Map.of(new Pair(USER, 10), new ModuleFacts(1, 100, 4), new Pair(USER, 20),
                new ModuleFacts(1, 700, 1)), facts());
    }

    @Test
    void aModuleAddedAfterTheScanIsLookedUpAndOneDeletedSinceIsDropped() throws SQLException {
        ModuleIndex scanned;
        try (Connection connection = mariaDb.database().connect()) {
            scanned = ModuleFingerprints.scan(Session.of(mariaDb.database(), connection, 30)).modules();
        }
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES (6, 20, 1, 0),"
                + " (7, 20, 0, 0)");
        execute("INSERT INTO {course_modules_completion} (coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (6, 5, 1, 800), (7, 5, 1, 850)");
        execute("DELETE FROM {course_modules} WHERE id = 5");
        try (Connection connection = mariaDb.database().connect()) {
            Map<Pair, ModuleFacts> facts = completions.facts(Session.of(mariaDb.database(), connection, 30),
                    new Object[] {USER}, scanned);
            // Module 5 was in the scan and still counts as the scan saw it; 6 (tracked) and 7 (not)
            // came after it and count as they are now.
            assertEquals(new ModuleFacts(2, 800, 3), facts.get(new Pair(USER, 20)));
        }
        execute("DELETE FROM {course_modules} WHERE id IN (6, 7)");
        try (Connection connection = mariaDb.database().connect()) {
            assertEquals(new ModuleFacts(1, 700, 1), completions.facts(Session.of(mariaDb.database(), connection, 30),
                    new Object[] {USER}, scanned).get(new Pair(USER, 20)),
                    "completions of modules neither scanned nor still there count for nothing");
        }
    }

    private Map<Pair, ModuleFacts> facts() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            ModuleIndex modules = ModuleFingerprints.scan(session).modules();
            return completions.facts(session, new Object[] {USER}, modules);
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(mariaDb.database().sql(template));
        }
    }
}
