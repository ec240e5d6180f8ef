package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.TakeResult;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run's life in the lock and the run log, on H2 without a container: it opens with the lock or
 * as skipped, closes by releasing the lock before recording its end, and a run that cannot close
 * itself is closed by whoever frees its lock, its own late end keeping that outcome.
 */
class RunLifecycleH2Test {

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;
    private RunLifecycle lifecycle;

    @BeforeEach
    void setUp() throws Exception {
        site = HarnessedSite.onH2("lifecycle", 3, 0.02);
        database = site.database();
        harness = site.harness();
        lifecycle = harness.lifecycle();
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aRunThatFindsTheLockHeldIsRecordedSkippedWithTheHolderAndLeavesTheLockAlone() throws SQLException {
        LockHolder other = new LockHolder("other-node", "other-incarnation", 41);
        assertInstanceOf(TakeResult.Taken.class, harness.lock().take(other));
        SyncRun run = lifecycle.open(1, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        assertTrue(run.skippedBecause().isPresent());
        RunEnd end = lifecycle.close(run);
        assertEquals(RunOutcome.SKIPPED, end.outcome());
        assertTrue(end.message().contains("other-node"), end.message());
        assertEquals(RunOutcome.SKIPPED, entry(1).outcome());
        assertEquals(other, harness.lock().state().orElseThrow().holder().orElseThrow(), "the holder keeps its lock");
    }

    @Test
    void closingReleasesTheLockThenRecordsTheOutcomeAndTheHoldingInterval() throws SQLException {
        SyncRun run = lifecycle.open(2, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        assertTrue(harness.runningSyncs().isRunning(2));
        assertTrue(harness.lock().state().isPresent());
        run.readingFinished();
        RunEnd end = lifecycle.close(run);
        assertEquals(RunOutcome.COMPLETED, end.outcome());
        assertTrue(harness.lock().state().isEmpty(), "released");
        assertFalse(harness.runningSyncs().isRunning(2));
        long[] bounds = Session.autoCommit(database, 10, session -> session.first("SELECT lock_taken_ms,"
                + " lock_take_done_ms, lock_release_begun_ms, lock_released_ms FROM {local_alx_api_sync_runs}"
                + " WHERE execution_id = 2",
                rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)}).orElseThrow());
        assertTrue(bounds[0] > 0 && bounds[1] >= bounds[0] && bounds[2] >= bounds[1] && bounds[3] >= bounds[2],
                "before take <= after take <= before release <= after release: " + java.util.Arrays.toString(bounds));
    }

    @Test
    void aRunForcedToEndKeepsThatOutcomeWhenItsOwnEndComesLate() throws SQLException {
        SyncRun run = lifecycle.open(3, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        run.wrote(17, 2);
        assertTrue(lifecycle.forceEnd(3, RunOutcome.TIMED_OUT, "the watchdog stopped it"));
        assertTrue(harness.lock().state().isEmpty(), "its lock was freed");
        assertEquals(RunOutcome.TIMED_OUT, entry(3).outcome());

        run.readingFinished();
        lifecycle.close(run);
        RunLogEntry late = entry(3);
        assertEquals(RunOutcome.TIMED_OUT, late.outcome(), "the recorded end stays");
        assertEquals(17, late.rowsWritten(), "the run's own counts are still written");
        assertFalse(lifecycle.forceEnd(3, RunOutcome.TIMED_OUT, "again"), "a lock no longer held is not freed");
    }

    @Test
    void atStartUpTheEarlierProcessesRunsAreFailedAndItsLockFreed() throws SQLException {
        SyncRun run = lifecycle.open(4, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        assertTrue(harness.lock().state().isPresent());
        // The process dies here, and its heartbeat with it; the same node starts again with a new incarnation.
        ageLock(SyncLock.INCARNATION_SILENCE_SECONDS + 5);
        SyncHarness restarted = new SyncHarness(database);
        try {
            restarted.lifecycle().closeRunsOfEarlierProcess();
            assertTrue(restarted.lock().state().isEmpty(), "the dead incarnation's lock was freed");
            assertEquals(RunOutcome.FAILED, entry(4).outcome());
            assertTrue(entry(4).message().startsWith("this run's process stopped"), entry(4).message());
        } finally {
            try {
                restarted.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertEquals(run.executionId(), 4);
    }

    /**
     * A run whose reader stopped for the budget while the database fell silent, with no statement of
     * its own left to fail, finds the database gone at its end: it failed, with the lost connection
     * named, rather than stopped for its budget.
     */
    @Test
    void aRunThatFindsTheDatabaseGoneAtItsEndFailedEvenWhenItsReaderStoppedForTheBudget() throws SQLException {
        SyncRun run = lifecycle.open(8, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        run.budgetStopped();
        run.readingFinished();
        harness.refuseConnections(1);
        RunEnd end = lifecycle.close(run);
        assertEquals(RunOutcome.FAILED, end.outcome(), end.message());
        assertTrue(end.message().contains("the database is unreachable"), end.message());
        assertEquals(RunOutcome.FAILED, entry(8).outcome(), "recorded once the database answered again");
        assertTrue(harness.lock().state().isEmpty(), "the lock was released");
    }

    /** Two processes with the same node name: the second's start-up leaves the first's live run alone. */
    @Test
    void aSecondProcessWithTheSameNodeNameLeavesTheLiveRunAndItsLockAlone() throws SQLException {
        SyncRun run = lifecycle.open(5, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        SyncHarness twin = new SyncHarness(database);
        try {
            twin.lifecycle().closeRunsOfEarlierProcess();
            assertEquals(RunOutcome.RUNNING, entry(5).outcome(), "the live run is not recorded as failed");
            SyncRun refused = twin.lifecycle().open(6, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
            assertTrue(refused.skippedBecause().isPresent(), "the twin's trigger is skipped");
            twin.lifecycle().close(refused);
        } finally {
            try {
                twin.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run.readingFinished();
        assertEquals(RunOutcome.COMPLETED, lifecycle.close(run).outcome(), "the first process's run ends as its own");
    }

    /** A node restarted faster than its dead predecessor's heartbeat goes silent gets the lock at its first trigger after. */
    @Test
    void aTriggerRecoversTheLockOfADeadIncarnationOnceItsHeartbeatStopped() throws SQLException {
        lifecycle.open(7, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
        SyncHarness restarted = new SyncHarness(database);
        try {
            restarted.lifecycle().closeRunsOfEarlierProcess();
            assertEquals(RunOutcome.RUNNING, entry(7).outcome(), "a heartbeat this young may be a live process's");
            ageLock(SyncLock.INCARNATION_SILENCE_SECONDS + 5);
            SyncRun accepted = restarted.lifecycle().open(8, "test", 300, 100, ChangeDetectionSettings.DEFAULTS);
            assertTrue(accepted.skippedBecause().isEmpty(), "accepted at once");
            assertEquals(RunOutcome.FAILED, entry(7).outcome(), "and the dead run recorded as failed");
            accepted.readingFinished();
            restarted.lifecycle().close(accepted);
        } finally {
            try {
                restarted.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void ageLock(long seconds) throws SQLException {
        Session.autoCommit(database, 10, session -> session.update(
                "UPDATE {config_plugins} SET value = CONCAT('0', UNIX_TIMESTAMP() - ?)"
                        + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock'", seconds));
    }

    private RunLogEntry entry(long executionId) throws SQLException {
        return new RunLog(database).byExecution(executionId).orElseThrow();
    }
}
