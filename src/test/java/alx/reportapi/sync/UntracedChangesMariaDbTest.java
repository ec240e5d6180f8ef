package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.MoodleChanges.Kind;
import alx.reportapi.testing.MoodleChanges.UserCourse;
import alx.reportapi.testing.ReportingHistory;
import alx.reportapi.testing.ReportingOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Every change Moodle makes without a fresh timestamp is reflected by the next incremental run
 * (README, Behavior 5), on MariaDB: a small generated site is synced in full, one change is made
 * with the trace Moodle leaves, and after the next run the table equals the oracle, its
 * tombstones included. Each change is checked to alter the expected rows before the run, so a run
 * that misses it fails the test.
 */
class UntracedChangesMariaDbTest {

    private static final long SEED = 19;
    private static final double SCALE = 0.05;
    private static final int BATCH_SIZE = 500;

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;
    private MoodleChanges changes;
    private final ReportingHistory history = new ReportingHistory();

    @BeforeEach
    void syncedSite() throws Exception {
        site = HarnessedSite.onMariaDb("untraced", SEED, SCALE);
        database = site.database();
        harness = site.harness();
        changes = new MoodleChanges(database, SEED);
        site.syncInFull(BATCH_SIZE);
        assertEquals("", ReportingOracle.differences(database, history), "after the full sync");
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aCourseResetThatDeletesCompletionDataIsReflected() throws Exception {
        changed(changes.resetCourseCompletion());
        nextRunEqualsTheOracle();
    }

    @Test
    void aCourseCompletionTheCronStampsBeforeTheCursorIsReflected() throws Exception {
        changed(changes.completeCourseBackdated(oldestCursor() - 3600));
        nextRunEqualsTheOracle();
    }

    @Test
    void aModuleCompletionStampedEightMinutesEarlierAndCommittedAfterTheCollectionIsReflected() throws Exception {
        AtomicReference<String> whenCommitted = new AtomicReference<>();
        // The first item a run writes comes after its preparation collected the changes.
        RunEnd during = harness.run(3600, BATCH_SIZE, item -> {
            if (whenCommitted.get() == null) {
                try {
                    long now = Session.autoCommit(database, 10, Session::now);
                    assertFalse(changes.completeModuleStampedAt(now - 480).isEmpty(), "a module to complete");
                    whenCommitted.set(ReportingOracle.differences(database));
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertEquals(RunOutcome.COMPLETED, during.outcome(), during.message());
        assertNotNull(whenCommitted.get(), "the run wrote an item");
        assertNotEquals("", whenCommitted.get(), "the completion changes a row");
        nextRunEqualsTheOracle();
    }

    @Test
    void aCourseHiddenWithoutATimestampIsReflected() throws Exception {
        changed(changes.hideCourseInPlace());
        nextRunEqualsTheOracle();
    }

    /**
     * A course renamed: every company's live rows of it take the name, and none of its pairs is
     * derived again (the run's fan-out holds none), where a large course's every row was derived
     * and written again company by company.
     */
    @Test
    void aCourseRenamedTakesItsNameInEveryRowWithoutItsPairsDerivedAgain() throws Exception {
        List<UserCourse> renamed = changes.renameCourse("CONCAT(fullname, ' (revised)')");
        changed(renamed);
        long course = renamed.get(0).courseId();
        long liveRows = Session.autoCommit(database, 10, session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE courseid = ? AND is_deleted = 0", course));
        nextRunEqualsTheOracle();
        assertEquals(0L, (long) Session.autoCommit(database, 10, session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_company_changes} WHERE courseid = ?", course)),
                "no pair of the renamed course was derived again");
        assertEquals(liveRows, (long) Session.autoCommit(database, 10, session -> session.number(
                "SELECT rows_written FROM {local_alx_api_sync_runs} ORDER BY id DESC LIMIT 1")),
                "the run log counts the rows that took the name, and nothing else changed");
    }

    /**
     * Changes Moodle stamps, on the tables whose timestamps the sync does not read: the digests of
     * users and enrolments find them.
     */
    @Test
    void aLearnerRenamedAndAnEnrolmentSuspendedThroughMoodleAreReflected() throws Exception {
        EnumSet<Kind> kinds = EnumSet.of(Kind.USER_RENAMED, Kind.ENROLMENT_STATUS_FLIPPED);
        assertEquals(kinds, changes.apply(4, kinds).keySet(), "both kinds applied");
        assertNotEquals("", ReportingOracle.differences(database), "the changes alter the expected rows");
        nextRunEqualsTheOracle();
    }

    /** A profile saved with nothing a row shows changed moves the user's timestamp, and derives nothing. */
    @Test
    void aProfileSavedWithNothingARowShowsChangedDerivesNothing() throws Exception {
        long learner = Session.autoCommit(database, 10, session -> {
            long user = session.number("SELECT MIN(userid) FROM {local_alx_api_reporting} WHERE is_deleted = 0");
            session.update("UPDATE {user} SET timemodified = UNIX_TIMESTAMP() WHERE id = ?", user);
            return user;
        });
        nextRunEqualsTheOracle();
        assertEquals(0L, (long) Session.autoCommit(database, 10, session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_company_changes} WHERE userid = ?", learner)),
                "no pair of the learner was derived again");
    }

    /** A name whose letters change case alone is a new name, though MariaDB's collation compares them equal. */
    @Test
    void aCourseRenamedInItsLettersCaseAloneIsReflected() throws Exception {
        changed(changes.renameCourse("UPPER(fullname)"));
        nextRunEqualsTheOracle();
    }

    /**
     * A live row in a company its learner is not a member of, as the PHP plugin's untied join could
     * leave one and no change this site's digests saw explains: once its course is observed, the
     * course's live rows are derived again in whichever company holds them, and this one ends.
     */
    @Test
    void aLiveRowInACompanyItsLearnerIsNotAMemberOfEndsWhenItsCourseIsObserved() throws Exception {
        List<UserCourse> hidden = changes.hideCourseInPlace();
        assertFalse(hidden.isEmpty(), "the site has a course to hide");
        UserCourse pair = hidden.get(0);
        int copied = Session.autoCommit(database, 10, session -> {
            long elsewhere = session.number("SELECT MIN(id) FROM {company} WHERE id NOT IN"
                    + " (SELECT companyid FROM {company_users} WHERE userid = ?)", pair.userId());
            assertNotEquals(0L, elsewhere, "a company the learner is not a member of");
            return session.update("""
                    INSERT INTO {local_alx_api_reporting} (userid, companyid, courseid, firstname, lastname, email,
                           username, coursename, timecompleted, timestarted, percentage, status, last_updated,
                           is_deleted, timecreated, timemodified)
                    SELECT userid, ?, courseid, firstname, lastname, email, username, coursename, timecompleted,
                           timestarted, percentage, status, last_updated, 0, timecreated, timemodified
                      FROM {local_alx_api_reporting}
                     WHERE userid = ? AND courseid = ? AND is_deleted = 0
                     LIMIT 1""", elsewhere, pair.userId(), pair.courseId());
        });
        assertEquals(1, copied, "a live row of " + pair + " copied to a company the learner is not in");
        nextRunEqualsTheOracle();
    }

    @Test
    void aUserSuspendedWithoutATimestampIsReflected() throws Exception {
        changed(changes.suspendUserInPlace());
        nextRunEqualsTheOracle();
    }

    @Test
    void aUserDeletedWithoutATimestampIsReflected() throws Exception {
        changed(changes.deleteUserInPlace());
        nextRunEqualsTheOracle();
    }

    @Test
    void aMembershipMovedToAnotherCompanyInPlaceIsReflected() throws Exception {
        changed(changes.moveMembershipToAnotherCompany());
        nextRunEqualsTheOracle();
    }

    @Test
    void enrolInstancesToggledSoThatCountAndStatusSumStayTheSameAreReflected() throws Exception {
        String before = enrolCountAndStatusSum();
        changed(changes.toggleInstancesCancellingOut());
        assertEquals(before, enrolCountAndStatusSum(), "the toggles cancel out");
        nextRunEqualsTheOracle();
    }

    @Test
    void theEarlierOfTwoEnrolmentsInACourseRemovedMovesTimestarted() throws Exception {
        changed(changes.removeEarlierOfTwoEnrolments());
        nextRunEqualsTheOracle();
    }

    @Test
    void aTrackedModuleDeletedIsReflected() throws Exception {
        changed(changes.deleteTrackedModule());
        nextRunEqualsTheOracle();
    }

    @Test
    void aTrackedModuleWhoseDeletionIsInProgressIsReflected() throws Exception {
        changed(changes.startDeletingTrackedModule());
        nextRunEqualsTheOracle();
    }

    @Test
    void anActivityCompletionResetWhileTheModuleStaysTrackedIsReflected() throws Exception {
        changed(changes.resetActivityCompletion());
        nextRunEqualsTheOracle();
    }

    @Test
    void unlockingTheCompletionCriteriaIsReflected() throws Exception {
        changed(changes.unlockCompletionCriteria());
        nextRunEqualsTheOracle();
    }

    @Test
    void aMixOfEveryKindOfChangeIsReflectedRoundAfterRound() throws Exception {
        for (int round = 0; round < 3; round++) {
            if (round > 0) {
                // A site of four courses hides them all within a round or two: shown again in place.
                changes.showHiddenCoursesInPlace();
            }
            Map<Kind, Integer> applied = new MoodleChanges(database, SEED + round).apply(40, EnumSet.allOf(Kind.class));
            if (round == 0) {
                // Later rounds may find no pair left for some kinds: resets delete a course's completions.
                assertEquals(EnumSet.allOf(Kind.class), applied.keySet(), "every kind applied");
            }
            assertNotEquals("", ReportingOracle.differences(database), "round " + round + " changes rows");
            nextRunEqualsTheOracle();
        }
    }

    /** The change touched pairs and altered what the table should say. */
    private void changed(List<UserCourse> touched) throws SQLException {
        assertFalse(touched.isEmpty(), "the site has a pair for this change");
        assertNotEquals("", ReportingOracle.differences(database), "the change alters the expected rows of " + touched);
    }

    /**
     * An hour later, as the hourly schedule runs it, one incremental run. The change detection
     * caught what changed, not the rolling verification (README, Behavior 16): the run corrected
     * nothing, and runs seconds apart on the database clock owe it almost no pairs anyway.
     */
    private void nextRunEqualsTheOracle() throws Exception {
        harness.clock().advance(Duration.ofHours(1));
        RunEnd next = harness.run(3600, BATCH_SIZE);
        assertEquals(RunOutcome.COMPLETED, next.outcome(), next.message());
        assertEquals("", ReportingOracle.differences(database, history), "after the next run");
        assertEquals(0L, (long) Session.autoCommit(database, 10, session -> session.number(
                "SELECT corrections FROM {local_alx_api_sync_runs} ORDER BY id DESC LIMIT 1")),
                "the verification corrected nothing the change detection missed");
    }

    private long oldestCursor() throws SQLException {
        return Session.autoCommit(database, 10, session -> session.number(
                "SELECT MIN(last_sync_timestamp) FROM {local_alx_api_sync_status} WHERE last_sync_timestamp > 0"));
    }

    private String enrolCountAndStatusSum() throws SQLException {
        return Session.autoCommit(database, 10, session -> session.first(
                "SELECT COUNT(*), SUM(status) FROM {enrol}", rs -> rs.getLong(1) + ":" + rs.getLong(2)).orElseThrow());
    }
}
