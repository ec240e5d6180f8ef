package alx.reportapi.moodle;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the digests observe (README, Behavior 5), each change made as Moodle makes it, without a
 * timestamp: only the bucket that changed, and nothing on a run where nothing changed.
 */
class SourceDigestsMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("digests");

    @BeforeEach
    void setUp() throws SQLException {
        execute("INSERT INTO {user} (id, username) VALUES (5, 'a'), (40, 'b'), (41, 'c')");
        execute("INSERT INTO {course} (id, fullname) VALUES (7, 'C7'), (8, 'C8')");
        execute("INSERT INTO {enrol} (id, enrol, status, courseid) VALUES (1, 'manual', 0, 7), (2, 'self', 1, 7),"
                + " (3, 'manual', 0, 8)");
        execute("INSERT INTO {user_enrolments} (id, enrolid, userid) VALUES (1, 1, 5), (2, 2, 5), (3, 3, 40)");
        execute("INSERT INTO {company_users} (id, companyid, userid) VALUES (1, 1, 5), (2, 1, 40), (3, 2, 41)");
        execute("INSERT INTO {course_modules} (id, course, completion) VALUES (100, 7, 1)");
        execute("INSERT INTO {course_modules_completion} (id, coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (1, 100, 5, 1, 1000), (2, 100, 40, 1, 1000)");
    }

    @Test
    void theFirstComparisonOnlyStoresAndAnUnchangedSiteObservesNothing() throws SQLException {
        assertEquals(0, compareAndApply().observations(), "no baseline yet: nothing to compare with");
        assertEquals(0, compareAndApply().observations());
    }

    @Test
    void eachUntimedChangeIsObservedInItsOwnBucketOnly() throws SQLException {
        compareAndApply();
        execute("DELETE FROM {user_enrolments} WHERE id = 1");
        assertObserved(Set.of(5L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(), compareAndApply());

        execute("UPDATE {user} SET suspended = 1 WHERE id = 41");
        assertObserved(Set.of(41L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(), compareAndApply());

        execute("UPDATE {company_users} SET companyid = 2 WHERE id = 2");
        assertObserved(Set.of(40L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(), compareAndApply());

        execute("UPDATE {course} SET visible = 0 WHERE id = 8");
        assertObserved(Set.of(), Set.of(8L), Set.of(), compareAndApply());

        // Two instances toggled so that their count and status sum stay the same.
        execute("UPDATE {enrol} SET status = 1 - status WHERE id IN (1, 2)");
        assertObserved(Set.of(), Set.of(7L), Set.of(), compareAndApply());
    }

    @Test
    void moduleCompletionsInsertedAreFoundByIdWhateverTheirStampAndDeletionsByTheirBlock() throws SQLException {
        compareAndApply();
        // Stamped long ago, as a late commit or a web server's slow clock leaves it.
        execute("INSERT INTO {course_modules_completion} (id, coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (3, 100, 41, 1, 5)");
        assertObserved(Set.of(), Set.of(), Set.of(new Pair(41, 7)), compareAndApply());
        assertEquals(0, compareAndApply().observations(), "the inserted row is in the stored digest now");

        execute("DELETE FROM {course_modules_completion} WHERE id = 2");
        assertObserved(Set.of(40L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(), compareAndApply());
    }

    @Test
    void aModuleCompletionDeletedWhileAnotherIsAddedIsObservedInItsBlock() throws SQLException {
        execute("INSERT INTO {course_modules} (id, course, completion) VALUES (101, 8, 1)");
        compareAndApply();
        // As many rows as before in all: only those up to the watermark, one fewer, tell the deletion.
        execute("DELETE FROM {course_modules_completion} WHERE id = 2");
        execute("INSERT INTO {course_modules_completion} (id, coursemoduleid, userid, completionstate, timemodified)"
                + " VALUES (3, 101, 5, 1, 2000)");
        assertObserved(Set.of(40L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(new Pair(5, 8)), compareAndApply());
    }

    @Test
    void courseCompletionsDeletedByAResetAreObservedButTheCronsStampsAreLeftToTheTimedWindow() throws SQLException {
        execute("INSERT INTO {course_completions} (id, userid, course, timeenrolled, timestarted)"
                + " VALUES (1, 40, 8, 100, 100), (2, 5, 7, 100, 100)");
        compareAndApply();
        execute("UPDATE {course_completions} SET timecompleted = 150 WHERE id = 1");
        assertEquals(0, compareAndApply().observations(), "read again by time, pair by pair (TimedChanges)");
        execute("DELETE FROM {course_completions} WHERE id = 2");
        assertObserved(Set.of(5L / SourceDigests.USERS_PER_BLOCK), Set.of(), Set.of(), compareAndApply());
    }

    private static void assertObserved(Set<Long> userBlocks, Set<Long> courses, Set<Pair> pairs,
            DigestComparison comparison) {
        assertEquals(userBlocks, comparison.changedUserBlocks(), "user blocks");
        assertEquals(courses, comparison.changedCourses(), "courses");
        assertEquals(pairs, comparison.insertedPairs(), "pairs found by id");
    }

    private DigestComparison compareAndApply() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            // As the run's preparation composes them, one source after another here.
            Map<DigestSource, Map<Long, Digest>> stored = SourceDigests.stored(session);
            List<SourceDigests.SourceReading> readings = new ArrayList<>();
            for (DigestSource source : DigestSource.readByStatement()) {
                readings.add(SourceDigests.read(session, source, stored));
            }
            DigestComparison comparison = SourceDigests.combine(stored, readings);
            comparison.apply(session, 0);
            return comparison;
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(mariaDb.database().sql(template));
        }
    }
}
