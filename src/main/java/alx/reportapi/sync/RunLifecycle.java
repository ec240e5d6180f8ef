package alx.reportapi.sync;

import alx.reportapi.Plugin;
import alx.reportapi.ShutdownTrace;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.lock.TakeResult;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.observe.SyncMetrics;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.settings.ConfigPlugins;
import alx.reportapi.settings.SyncStats;
import alx.reportapi.settings.SyncStatsRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A run's life in the run log and the lock, and the one place that records a run's end (README,
 * Behavior 2 and 10). A run opens by taking the lock, or is recorded as skipped with the holder
 * named; it closes by releasing the lock, whatever happened, then recording the outcome that
 * {@link RunOutcomeRule} decides. A run that cannot close itself (it would not stop, or its process
 * is gone) is closed here too, by whoever frees its lock.
 */
@ApplicationScoped
public class RunLifecycle {

    private static final Logger LOG = Logger.getLogger(RunLifecycle.class.getName());
    private static final int COUNT_TIMEOUT_SECONDS = 30;

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

    /** Opens the run: its run-log entry first, then the lock, or the skip when someone holds it. */
    SyncRun open(long executionId, String trigger, int maxSyncTimeSeconds, int batchSize,
            ChangeDetectionSettings detection) throws SQLException {
        SyncBudget budget = new SyncBudget(clock, clock.instant(), Duration.ofSeconds(maxSyncTimeSeconds));
        long runLogId = new RunLog(database).start(executionId, thisNode.name(), trigger, maxSyncTimeSeconds);
        LockHolder me = thisNode.holderFor(executionId);
        SyncLock lock = syncLocks.lock();
        SyncRun run = new SyncRun(executionId, trigger, me, budget, batchSize, detection, runLogId,
                syncRun -> new RunTransactions(database, syncRun, session -> {
                    if (!lock.fence(session, me)) {
                        throw new LockLostException("execution " + executionId + " no longer holds the sync lock");
                    }
                }));
        // Read before taking, and the release's time after releasing: each recorded holding
        // interval then contains the real one, so runs whose recorded intervals do not overlap
        // never held the lock at once, whatever happened inside them.
        long beforeTake = clock.millis();
        TakeResult first = lock.take(me);
        TakeResult result = first instanceof TakeResult.Held held && heldByEarlierIncarnation(held)
                && recoverDeadIncarnation() ? lock.take(me) : first;
        if (result instanceof TakeResult.Held held) {
            run.skip(held.skipMessage());
            metrics.lockSkipped();
            LOG.info(() -> run.log() + "skipped (" + trigger + "): " + held.skipMessage());
            return run;
        }
        long afterTake = clock.millis();
        // Registered first, so the watchdog and shutdown see every run that holds the lock.
        runningSyncs.started(run, thisNode.name());
        metrics.lockAcquired();
        new RunLog(database).lockTaken(runLogId, beforeTake, afterTake);
        LOG.info(() -> run.log() + "started (" + trigger + ") on " + thisNode.name() + ", budget "
                + maxSyncTimeSeconds + " s, batch size " + batchSize + (((TakeResult.Taken) result).tookOverStale()
                        ? "; took over a stale lock" : ""));
        return run;
    }

    /**
     * Closes the run, whatever happened: the lock is released before the run log says the run
     * ended, so that "ended" means a new run may start.
     */
    RunEnd close(SyncRun run) throws SQLException {
        try {
            boolean skipped = run.skippedBecause().isPresent();
            int remaining = skipped ? 0 : remainingCompanies(run);
            RunFacts facts = run.facts(runningSyncs.isStopRequested(run.executionId()));
            RunEnd end = RunOutcomeRule.decide(facts, remaining);
            if (!skipped && !facts.lockLost()) {
                release(run);
            }
            // Recorded even when the release failed: the lock then goes stale, and an operator
            // may free it at once, since its holder has ended.
            try {
                new RunLog(database).end(run.runLogId(), end.outcome(), end.message(), facts.companiesDone(),
                        facts.companiesFailed(), remaining, facts.rowsWritten(), facts.rowsDeleted());
            } catch (SQLException e) {
                // The database is unreachable: the log is then the only record of how the run ended,
                // until this node's heartbeat records it and frees its lock once the database is back.
                LOG.log(Level.SEVERE, run.log() + end.outcome().word() + ": " + end.message()
                        + "; the run log could not record it: " + e.getMessage());
                throw e;
            }
            if (end.outcome() == RunOutcome.COMPLETED || end.outcome() == RunOutcome.PARTIAL) {
                recordStats(run, facts);
            }
            if (skipped) {
                metrics.runOutcome(end.outcome().word());
            } else {
                metrics.runEnded(end.outcome().word(), facts.rowsWritten(), facts.rowsDeleted(),
                        Duration.between(run.budget().startedAt(), clock.instant()), facts.budgetStopped());
            }
            // Once the JVM exits, the run may end here, on its own thread, while the server undeploys:
            // the line must then outlive the log's handlers.
            ShutdownTrace.note(LOG, run.log() + end.outcome().word() + ": " + end.message());
            if (!skipped) {
                LOG.info(() -> run.log() + "its passes took: " + run.passTimes().describe());
            }
            return end;
        } finally {
            // Unregistered last: "no longer running" then means the run's end is recorded. The
            // batch status cannot say so, since JBeret reports COMPLETED while afterJob still runs
            // and JBatch only after it.
            runningSyncs.ended(run);
        }
    }

    /**
     * Frees the lock of a run of this node that would not stop and records its end: the watchdog's
     * "timed out", or shutdown's "stopped".
     *
     * @return false when the run no longer held the lock (it ended meanwhile): nothing is recorded
     */
    public boolean forceEnd(long executionId, RunOutcome outcome, String why) {
        LockHolder holder = thisNode.holderFor(executionId);
        if (!syncLocks.lock().release(holder)) {
            return false;
        }
        closeRunOf(holder, outcome, why + "; its lock was freed");
        return true;
    }

    /**
     * Records the end of a run whose lock an operator freed (a stale lock, or one whose holder is
     * gone): its process will not record it, or records it too late to matter.
     */
    public void closeRunOf(LockHolder holder, RunOutcome outcome, String message) {
        try {
            new RunLog(database).closeIfRunning(holder.node(), holder.executionId(), outcome, message);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, Plugin.logPrefix(holder.executionId()) + "could not record its end in the run log",
                    e);
        }
        LOG.warning(() -> Plugin.logPrefix(holder.executionId()) + message);
    }

    /**
     * At start-up: runs this node's earlier process left marked running are recorded as failed,
     * and a lock it held is freed once its heartbeat has stopped (README, Behavior 11 and 17). A
     * run whose lock still has a live heartbeat is left alone: another live process may carry this
     * node's name; {@link #recoverDeadIncarnation} frees it later if that heartbeat stops.
     */
    public void closeRunsOfEarlierProcess() {
        recoverDeadIncarnation();
        long liveExecution = syncLocks.lock().state().flatMap(LockState::holder)
                .filter(thisNode::isOtherIncarnation).map(LockHolder::executionId).orElse(-1L);
        try {
            int closed = new RunLog(database).closeAllRunningExcept(thisNode.name(), liveExecution, RunOutcome.FAILED,
                    "the node restarted while this run was in progress");
            if (closed > 0) {
                LOG.warning(() -> Plugin.LOG_PREFIX + closed + " run(s) of this node's previous process were still"
                        + " marked running; recorded as failed");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "could not close this node's earlier runs", e);
        }
    }

    /**
     * Frees the lock of this node's earlier incarnation if its heartbeat has stopped, and records
     * that run as failed: at start-up, at every heartbeat of this node, and when a trigger finds
     * it holding the lock.
     *
     * @return whether a lock was freed
     */
    public boolean recoverDeadIncarnation() {
        List<LockHolder> freed = syncLocks.lock().recoverDeadIncarnations(thisNode.name(), thisNode.incarnation());
        for (LockHolder dead : freed) {
            closeRunOf(dead, RunOutcome.FAILED, "this run's process stopped while the run was in progress (incarnation "
                    + dead.incarnation() + " of this node, whose heartbeat stopped); its lock was freed");
        }
        return !freed.isEmpty();
    }

    private boolean heldByEarlierIncarnation(TakeResult.Held held) {
        return held.current().holder().filter(thisNode::isOtherIncarnation).isPresent();
    }

    private void release(SyncRun run) {
        long beforeRelease = clock.millis();
        try {
            if (!syncLocks.lock().release(run.holder())) {
                LOG.warning(() -> run.log() + "the sync lock was no longer this run's to release");
                return;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, run.log() + "could not release the sync lock; it goes stale after "
                    + syncLocks.staleAfterSeconds() + " s, or an operator may free it now", e);
            return;
        }
        try {
            new RunLog(database).lockReleased(run.runLogId(), beforeRelease, clock.millis());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, run.log() + "could not record the lock's release in the run log", e);
        }
    }

    private int remainingCompanies(SyncRun run) {
        try {
            return Session.autoCommit(database, COUNT_TIMEOUT_SECONDS,
                    session -> new CompanyQueue().remaining(session, run.runLogId()));
        } catch (SQLException | RuntimeException e) {
            if (RunFailures.endRun(e)) {
                // The database is gone at the run's end (Behavior 9): the run failed, whatever its
                // reader saw last. A reader that stopped for the budget while the database fell silent
                // may have had no statement of its own left to fail.
                run.failed(e);
            }
            LOG.log(Level.WARNING, run.log() + "could not count the companies left", e);
            return 0;
        }
    }

    private void recordStats(SyncRun run, RunFacts facts) {
        try {
            long duration = Duration.between(run.budget().startedAt(), clock.instant()).toSeconds();
            long now = Session.autoCommit(database, COUNT_TIMEOUT_SECONDS, Session::now);
            new SyncStatsRecorder(new ConfigPlugins(database)).recordCompletedRun(new SyncStats(
                    facts.companiesDone(), facts.rowsWritten(), 0, facts.companiesFailed(), Math.max(0, duration), now));
        } catch (Exception e) {
            LOG.log(Level.WARNING, run.log() + "could not record last_sync_stats", e);
        }
    }
}
