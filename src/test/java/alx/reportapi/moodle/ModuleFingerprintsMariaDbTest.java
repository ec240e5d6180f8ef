package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fingerprints stay storable whatever the site's size, and still move with every change. */
class ModuleFingerprintsMariaDbTest {

    private static final StoredFingerprints NOTHING_STORED = new StoredFingerprints(Map.of(), false);

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("fingerprint");

    @Test
    void aCoursesFingerprintIsWhatEarlierVersionsStoredAndCountsOnlyModulesTrackedAndNotBeingDeleted()
            throws SQLException {
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES"
                + " (1, 10, 1, 0), (2, 10, 2, 0), (3, 10, 0, 0), (4, 10, 1, 1), (5, 20, 1, 0)");
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            CourseModules scanned = ModuleFingerprints.scan(session);
            // Count, sum and largest id of the tracked modules: the text the grouped statement of
            // earlier versions digested, so that an upgrade does not make every course look changed.
            assertEquals(ModuleFingerprints.digest("2:3:2"), scanned.fingerprints().get(10L));
            assertEquals(ModuleFingerprints.digest("1:5:5"), scanned.fingerprints().get(20L));
            assertEquals(2, scanned.tracked(10));
            assertEquals(1, scanned.tracked(20));
            assertEquals(0, scanned.tracked(30));
            assertEquals(5, scanned.modules().size());
        }
    }

    @Test
    void aPassThatSawWhatWasConfirmedWritesNothingAndAChangedOneReplacesIt() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            Map<Long, String> first = Map.of(10L, "a", 11L, "b", 12L, "c");
            assertTrue(ModuleFingerprints.storePending(session, 1, first, NOTHING_STORED));
            ModuleFingerprints.confirmPending(session, 1);
            assertEquals(first, ModuleFingerprints.stored(session, 1).confirmed());

            assertFalse(ModuleFingerprints.storePending(session, 1, first,
                    ModuleFingerprints.stored(session, 1)));
            assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_module_fp} WHERE pending = 1"),
                    "an unchanged site stores no pending fingerprints");
            assertEquals(first, ModuleFingerprints.stored(session, 1).confirmed(),
                    "a pass that stored none has nothing to confirm: what was confirmed stays");

            Map<Long, String> second = Map.of(10L, "a", 12L, "d");
            assertTrue(ModuleFingerprints.storePending(session, 1, second,
                    ModuleFingerprints.stored(session, 1)));
            assertEquals(first, ModuleFingerprints.stored(session, 1).confirmed(),
                    "until the pass completes, the last confirmed fingerprints stand");
            ModuleFingerprints.confirmPending(session, 1);
            assertEquals(second, ModuleFingerprints.stored(session, 1).confirmed());
        }
    }

    @Test
    void aPassStoresOnlyTheCoursesWhoseFingerprintChangedAndItsCompletionConfirmsTheSiteAsSeen()
            throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            Map<Long, String> confirmed = new HashMap<>();
            for (long course = 10; course < 60; course++) {
                confirmed.put(course, "fp" + course);
            }
            ModuleFingerprints.storePending(session, 1, confirmed, NOTHING_STORED);
            ModuleFingerprints.confirmPending(session, 1);

            // A module added to course 20, and course 30's last tracked module removed.
            Map<Long, String> seen = new HashMap<>(confirmed);
            seen.put(20L, "fp20+");
            seen.remove(30L);
            assertTrue(ModuleFingerprints.storePending(session, 1, seen, ModuleFingerprints.stored(session, 1)));
            assertEquals(2, count("SELECT COUNT(*) FROM {local_alx_api_module_fp} WHERE pending = 1"),
                    "only the two courses that changed are stored, not a row per course of the site");
            ModuleFingerprints.confirmPending(session, 1);
            assertEquals(seen, ModuleFingerprints.stored(session, 1).confirmed());
            assertFalse(ModuleFingerprints.stored(session, 1).anyPending());
        }
    }

    @Test
    void aPassThatDidNotCompleteLeavesPendingFingerprintsThatTheNextPassReplaces() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            Map<Long, String> confirmed = Map.of(10L, "a", 11L, "b");
            ModuleFingerprints.storePending(session, 1, confirmed, NOTHING_STORED);
            ModuleFingerprints.confirmPending(session, 1);
            assertFalse(ModuleFingerprints.stored(session, 1).anyPending());

            // A pass saw a changed course and failed before it completed.
            ModuleFingerprints.storePending(session, 1, Map.of(10L, "a",
                    11L, "changed"), ModuleFingerprints.stored(session, 1));
            StoredFingerprints left = ModuleFingerprints.stored(session, 1);
            assertTrue(left.anyPending());
            assertEquals(confirmed, left.confirmed());

            // The retry sees what was confirmed: what the failed pass left must not be confirmed later.
            assertFalse(ModuleFingerprints.storePending(session, 1, confirmed, left));
            assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_module_fp} WHERE pending = 1"));
            assertEquals(confirmed, ModuleFingerprints.stored(session, 1).confirmed());
        }
    }

    private int count(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(mariaDb.database().sql(template))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.execute(mariaDb.database().sql(template));
        }
    }
}
