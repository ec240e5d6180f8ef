package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.SyncItem.DerivedPage;
import alx.reportapi.sync.SyncItem.PassPage;
import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.ReportingHistory;
import alx.reportapi.testing.ReportingOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole runs of the job's reader, processor and writer on the demo's H2, without a container: the
 * table ends equal to the oracle after full and incremental runs, a budget stop mid-pass loses
 * nothing, and a run that lost its lock writes nothing more.
 */
class SyncRunH2Test {

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void loadSite() throws Exception {
        site = HarnessedSite.onH2("syncrun", 11, 0.1);
        database = site.database();
        harness = site.harness();
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aFullSyncAndIncrementalRunsAfterChangesEqualTheOracle() throws Exception {
        ReportingHistory history = new ReportingHistory();
        long started = System.nanoTime();
        SyncHarness.OpenRun first = harness.open(3600, 100);
        first.prepare();
        RunEnd full = first.finish(item -> { });
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(RunOutcome.COMPLETED, full.outcome(), full.message());
        PassTimes times = first.passTimes();
        Duration counted = Duration.ZERO;
        for (PassTimes.Phase phase : PassTimes.Phase.values()) {
            assertTrue(!times.of(phase).isZero(), "a full sync " + phase + ": " + times.describe());
            counted = counted.plus(times.of(phase));
        }
        assertTrue(counted.compareTo(wall) <= 0, "the phases' " + counted + " fit the run's " + wall);
        assertEquals("", ReportingOracle.differences(database, history));
        for (int round = 0; round < 3; round++) {
            new MoodleChanges(database, 50 + round).apply(15);
            RunEnd incremental = harness.run(3600, 100);
            assertEquals(RunOutcome.COMPLETED, incremental.outcome(), incremental.message());
            assertEquals("", ReportingOracle.differences(database, history), "after round " + round);
        }
    }

    @Test
    void aRunStoppedByTheBudgetMidPassResumesItOnTheNextRunAndLosesNothing() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        // After the second page written, 40 s of a 60 s budget are gone: the pass pauses.
        RunEnd partial = harness.run(60, 50, item -> {
            if (item instanceof DerivedPage && pages.incrementAndGet() == 2) {
                harness.clock().advance(Duration.ofSeconds(40));
            }
        });
        assertEquals(RunOutcome.PARTIAL, partial.outcome(), partial.message());
        assertTrue(passRowsInProgress() > 0, "a pass was left in progress");
        assertNotEquals("", ReportingOracle.differences(database), "the partial run left work to do");

        new MoodleChanges(database, 77).apply(10);
        RunEnd next = harness.run(3600, 50);
        assertEquals(RunOutcome.COMPLETED, next.outcome(), next.message());
        RunEnd after = harness.run(3600, 50);
        assertEquals(RunOutcome.COMPLETED, after.outcome(), after.message());
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    void aRunWhoseLockIsTakenOverWritesNothingMoreAndTheNextRunFinishesTheWork() throws Exception {
        AtomicInteger pages = new AtomicInteger();
        AtomicReference<String> whenStolen = new AtomicReference<>();
        RunEnd lost = harness.run(3600, 50, item -> {
            if (item instanceof DerivedPage && pages.incrementAndGet() == 3) {
                stealLock();
                whenStolen.set(writtenState());
            }
        });
        assertEquals(RunOutcome.FAILED, lost.outcome(), lost.message());
        assertEquals("stopped writing: the sync lock was taken over", lost.message());
        assertTrue(whenStolen.get() != null && !whenStolen.get().startsWith("0/"), "pages were written before");
        assertEquals(whenStolen.get(), writtenState(), "nothing was written after the lock was lost");

        freeLock();
        RunEnd next = harness.run(3600, 50);
        assertEquals(RunOutcome.COMPLETED, next.outcome(), next.message());
        assertEquals("", ReportingOracle.differences(database));
    }

    /**
     * The database goes away while a page is derived: the run ends failed with the cause, not
     * "stopped". IBM JBatch does not put what a processor throws into the step context, so the
     * processor must hand it to the run itself.
     */
    @Test
    void aRunWhoseDerivationLosesTheDatabaseEndsFailedWithTheCauseAndTheNextRunFinishesTheWork() throws Exception {
        AtomicBoolean firstPage = new AtomicBoolean(true);
        RunEnd lost = harness.run(3600, 50, new SyncHarness.ItemHooks(
                item -> harness.databaseUnreachable(item instanceof PassPage && firstPage.getAndSet(false)),
                item -> harness.databaseUnreachable(false),
                item -> { }));
        assertFalse(firstPage.get(), "a page was derived by the processor");
        assertEquals(RunOutcome.FAILED, lost.outcome(), lost.message());
        assertTrue(lost.message().contains("no database connection"), lost.message());

        RunEnd next = harness.run(3600, 50);
        assertEquals(RunOutcome.COMPLETED, next.outcome(), next.message());
        assertEquals("", ReportingOracle.differences(database));
    }

    private long passRowsInProgress() throws SQLException {
        return Session.autoCommit(database, 10, session -> session.number(
                "SELECT COALESCE(SUM(pass_rows), 0) FROM {local_alx_api_company_sync} WHERE pass_started_at > 0"));
    }

    /** What the sync has written: the reporting rows and the queue's record of passes. */
    private String writtenState() {
        try {
            return Session.autoCommit(database, 10, session -> session.first("SELECT COUNT(*),"
                    + " COALESCE(SUM(last_updated), 0), COALESCE(SUM(is_deleted), 0) FROM {local_alx_api_reporting}",
                    rs -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3)).orElseThrow()
                    + " " + session.first("SELECT COALESCE(SUM(pass_rows), 0), COALESCE(SUM(resume_userid), 0),"
                    + " COALESCE(SUM(last_success_at), 0) FROM {local_alx_api_company_sync}",
                    rs -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3)).orElseThrow());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stealLock() {
        try {
            Session.autoCommit(database, 10, session -> session.update("UPDATE {config_plugins}"
                    + " SET value = 'thief-node|thief-incarnation|999|0'"
                    + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock_holder'"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void freeLock() throws SQLException {
        Session.autoCommit(database, 10, session -> session.update("UPDATE {config_plugins} SET value = ''"
                + " WHERE plugin = 'local_alx_report_api' AND name IN ('sync_task_lock', 'sync_task_lock_holder')"));
    }
}
