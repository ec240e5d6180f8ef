package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The run's scan of course_modules fingerprints each course's tracked modules, and compared with
 * the previous run's, names exactly the courses whose tracked modules changed.
 */
class ModuleFingerprintsMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("fingerprint");

    @Test
    void aCoursesFingerprintCountsOnlyModulesTrackedAndNotBeingDeleted() throws SQLException {
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES"
                + " (1, 10, 1, 0), (2, 10, 2, 0), (3, 10, 0, 0), (4, 10, 1, 1), (5, 20, 1, 0)");
        CourseModules scanned = scan();
        assertEquals(new Digest(2, 3, 1 ^ 2), scanned.fingerprints().get(10L), "modules 1 and 2: count, sum, XOR");
        assertEquals(new Digest(1, 5, 5), scanned.fingerprints().get(20L));
        assertEquals(2, scanned.tracked(10));
        assertEquals(1, scanned.tracked(20));
        assertEquals(0, scanned.tracked(30));
        assertEquals(5, scanned.modules().size(), "every module is indexed, tracked or not");
    }

    @Test
    void comparedWithThePreviousRunsScanOnlyTheCoursesWhoseTrackedModulesChangedAreObserved() throws SQLException {
        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES"
                + " (1, 10, 1, 0), (2, 20, 1, 0), (3, 30, 1, 0), (4, 40, 1, 0), (5, 40, 0, 0), (6, 50, 1, 0)");
        SourceDigests.SourceReading first = SourceDigests.ofScan(scan(), Map.of());
        assertEquals(Set.of(), first.changedBuckets(), "a first run only stores what it saw");
        Map<DigestSource, Map<Long, Digest>> stored = new EnumMap<>(DigestSource.class);
        stored.put(DigestSource.COURSE_MODULES, first.toStore());
        assertEquals(Set.of(), SourceDigests.ofScan(scan(), stored).changedBuckets(), "nothing changed");

        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES (7, 10, 2, 0)");
        execute("DELETE FROM {course_modules} WHERE id = 3");
        execute("UPDATE {course_modules} SET deletioninprogress = 1 WHERE id = 2");
        execute("UPDATE {course_modules} SET completion = 1 WHERE id = 5");
        execute("UPDATE {course_modules} SET completion = 0 WHERE id = 6");
        SourceDigests.SourceReading next = SourceDigests.ofScan(scan(), stored);
        assertEquals(Set.of(10L, 20L, 30L, 40L, 50L), next.changedBuckets(),
                "a module added, one deleted, one being deleted, tracking switched on and off");
        assertEquals(DigestSource.COURSE_MODULES, next.source());
        stored.put(DigestSource.COURSE_MODULES, next.toStore());

        execute("INSERT INTO {course_modules} (id, course, completion, deletioninprogress) VALUES (8, 60, 0, 0)");
        assertEquals(Set.of(), SourceDigests.ofScan(scan(), stored).changedBuckets(),
                "a module without completion tracking changes no course's percentage");
    }

    @Test
    void theFingerprintsComeFromTheScanNotFromAStatementOfTheirOwn() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            assertThrows(IllegalArgumentException.class,
                    () -> SourceDigests.read(session, DigestSource.COURSE_MODULES, Map.of()));
        }
    }

    private CourseModules scan() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            return ModuleFingerprints.scan(Session.of(mariaDb.database(), connection, 30));
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.execute(mariaDb.database().sql(template));
        }
    }
}
