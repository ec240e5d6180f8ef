package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.TakeResult;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.observe.SyncMetrics;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.settings.ConfigPlugins;
import alx.reportapi.settings.SyncStats;
import alx.reportapi.settings.SyncStatsRecorder;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens and closes a run (SPEC 3.1, 3.3). Before any work it takes the lock, or ends the run as
 * skipped with a message naming the holder; after the job, whatever the outcome, it records the
 * run and releases the lock it holds. A skipped run releases nothing; a run that lost its lock
 * has nothing left to release.
 * <p>
 * The outcome is read from what the run itself observed, never from the batch status that
 * {@code afterJob} sees, which differs between JBatch (STARTED) and JBeret (COMPLETED).
 */
@Named("SyncJobListener")
@Dependent
public class SyncJobListener implements JobListener {

    private static final Logger LOG = Logger.getLogger(SyncJobListener.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    Database database;

    @Inject
    ThisNode thisNode;

    @Inject
    SyncLocks syncLocks;

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    Clock clock;

    @Inject
    SyncMetrics metrics;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.MAX_SYNC_TIME)
    String maxSyncTime;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.BATCH_SIZE)
    String batchSize;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.TRIGGER)
    String trigger;

    @Override
    public void beforeJob() throws Exception {
        long executionId = jobContext.getExecutionId();
        int budgetSeconds = Integer.parseInt(maxSyncTime);
        SyncBudget budget = new SyncBudget(clock, clock.instant(), Duration.ofSeconds(budgetSeconds));
        long runLogId = new RunLog(database).start(executionId, thisNode.name(), trigger, budgetSeconds);
        SyncRun run = new SyncRun(executionId, thisNode.name(), trigger, budget, Integer.parseInt(batchSize), runLogId);
        jobContext.setTransientUserData(run);
        LockHolder me = thisNode.holderFor(executionId);
        SyncLock lock = syncLocks.lock();
        TakeResult result = lock.take(me);
        if (result instanceof TakeResult.Held held) {
            run.skip(held.skipMessage());
            metrics.lockSkipped();
            LOG.info(() -> run.log() + "skipped (" + trigger + "): " + held.skipMessage());
            return;
        }
        run.holdLock(connection -> {
            if (!lock.verifyAndHeartbeat(connection, me)) {
                throw new LockLostException("execution " + executionId + " no longer holds the sync lock");
            }
        });
        // Registered first, so the watchdog and shutdown see every run that holds the lock.
        runningSyncs.started(run);
        metrics.lockAcquired();
        new RunLog(database).lockTaken(runLogId, clock.millis());
        LOG.info(() -> run.log() + "started (" + trigger + ") on " + thisNode.name() + ", budget " + budgetSeconds
                + " s, batch size " + batchSize + (((TakeResult.Taken) result).tookOverStale()
                        ? "; took over a stale lock" : ""));
    }

    @Override
    public void afterJob() throws Exception {
        Object data = jobContext.getTransientUserData();
        if (!(data instanceof SyncRun run)) {
            return;
        }
        boolean lockReleased = false;
        try {
            RunOutcome outcome = outcome(run);
            int remaining = remainingCompanies(run);
            String message = message(run, outcome, remaining);
            // Released before the run log says the run ended, so that "ended" means a new run may
            // start: the other way round, a start in between was refused as "already running",
            // naming the run the log called completed.
            lockReleased = true;
            releaseLock(run);
            new RunLog(database).finish(run.runLogId(), outcome, run.companiesDone(), run.companiesFailed(),
                    remaining, run.rowsWritten(), run.rowsDeleted(), message);
            if (outcome == RunOutcome.COMPLETED || outcome == RunOutcome.PARTIAL) {
                recordStats(run);
            }
            jobContext.setExitStatus(outcome.name());
            if (outcome == RunOutcome.SKIPPED) {
                metrics.runOutcome(outcome.word());
            } else {
                metrics.runEnded(outcome.word(), run.rowsWritten(), run.rowsDeleted(),
                        Duration.between(run.budget().startedAt(), clock.instant()), run.wasBudgetStopped());
            }
            LOG.info(() -> run.log() + outcome.word() + ": " + message);
        } finally {
            try {
                if (!lockReleased) {
                    releaseLock(run);
                }
            } finally {
                // Unregistered last, once the lock is released: "no longer running" then means the
                // listener is done. The batch status cannot say so, since JBeret reports COMPLETED
                // while afterJob still runs and JBatch only after it.
                runningSyncs.ended(run);
            }
        }
    }

    private void releaseLock(SyncRun run) {
        if (run.skippedBecause().isPresent() || run.wasLockLost()) {
            return;
        }
        // Read before releasing, so the recorded holding interval lies inside the real one and
        // an audit of overlaps between runs can trust it.
        long releasingAt = clock.millis();
        boolean released = syncLocks.lock().release(thisNode.holderFor(run.executionId()));
        if (released) {
            recordRelease(run, releasingAt);
        } else {
            LOG.warning(() -> run.log() + "the sync lock was no longer this run's to release");
        }
    }

    private void recordRelease(SyncRun run, long releasingAt) {
        try {
            new RunLog(database).lockReleased(run.runLogId(), releasingAt);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, run.log() + "could not record the lock's release in the run log", e);
        }
    }

    private RunOutcome outcome(SyncRun run) {
        if (run.skippedBecause().isPresent()) {
            return RunOutcome.SKIPPED;
        }
        if (run.failure().isPresent() || run.wasLockLost()) {
            return RunOutcome.FAILED;
        }
        // A stop from this product (admin, API, watchdog, shutdown) is known here. A stop from the
        // server itself (Payara stops running jobs when it shuts down) is seen in that the reader
        // never came to its end; the batch status afterJob sees differs between JBatch and JBeret.
        if (runningSyncs.stopRequested(run.executionId()) || !run.hasFinishedReading()) {
            return RunOutcome.STOPPED;
        }
        return run.wasBudgetStopped() ? RunOutcome.PARTIAL : RunOutcome.COMPLETED;
    }

    private int remainingCompanies(SyncRun run) {
        if (run.skippedBecause().isPresent()) {
            return 0;
        }
        try (Connection connection = database.connect()) {
            return new CompanyQueue(database).remaining(connection, run.runLogId(), DatabaseClock.now(connection),
                    30);
        } catch (Exception e) {
            LOG.log(Level.WARNING, run.log() + "could not count the companies left", e);
            return 0;
        }
    }

    private static String message(SyncRun run, RunOutcome outcome, int remaining) {
        return switch (outcome) {
            case SKIPPED -> run.skippedBecause().orElseThrow();
            case FAILED -> run.wasLockLost() ? "stopped writing: the sync lock was taken over"
                    : "failed: " + run.failure().map(Throwable::getMessage).orElse("unknown error");
            case STOPPED -> "stopped on request after " + run.companiesDone() + " companies; " + remaining
                    + " left for the next run";
            case PARTIAL -> "time budget reached after " + run.companiesDone() + " companies; " + remaining
                    + " left for the next run";
            default -> run.companiesDone() + " companies synced, " + run.companiesFailed() + " failed, "
                    + run.rowsWritten() + " rows written, " + run.rowsDeleted() + " soft-deleted";
        };
    }

    private void recordStats(SyncRun run) {
        try (Connection connection = database.connect()) {
            long now = DatabaseClock.now(connection);
            long duration = Duration.between(run.budget().startedAt(), clock.instant()).toSeconds();
            new SyncStatsRecorder(new ConfigPlugins(database)).recordCompletedRun(new SyncStats(
                    run.companiesDone(), run.rowsWritten(), 0, run.companiesFailed(), Math.max(0, duration), now));
        } catch (Exception e) {
            LOG.log(Level.WARNING, run.log() + "could not record last_sync_stats", e);
        }
    }
}
