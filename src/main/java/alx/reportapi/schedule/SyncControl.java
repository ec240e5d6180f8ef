package alx.reportapi.schedule;

import alx.reportapi.db.Database;
import alx.reportapi.Plugin;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.RunLifecycle;
import alx.reportapi.sync.RunningSyncs;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's actions on the sync, shared by the operations API and the admin page so that
 * both follow the same rules as the timer: run now, stop, and free a lock that is stale or whose
 * holder is dead.
 */
@ApplicationScoped
public class SyncControl {

    private static final Logger LOG = Logger.getLogger(SyncControl.class.getName());
    /** The listener decides within milliseconds; this only bounds the wait if the server is starved. */
    private static final Duration DECISION_WAIT = Duration.ofSeconds(15);
    private static final Set<BatchStatus> ACTIVE = Set.of(BatchStatus.STARTING, BatchStatus.STARTED);
    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    @Inject
    Database database;

    @Inject
    SyncLauncher launcher;

    @Inject
    SyncLocks syncLocks;

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    ThisNode thisNode;

    @Inject
    RunLifecycle lifecycle;

    /**
     * Starts a run and waits until its job listener has decided whether it holds the lock, so the
     * caller learns at once whether it runs or was skipped.
     */
    public RunRequest runNow(String trigger) throws SQLException, InterruptedException {
        RunLog runLog = new RunLog(database);
        // Execution ids restart with the server process; only entries written from now on count.
        long watermark = runLog.latestEntryId();
        long executionId = launcher.start(trigger);
        Instant deadline = Instant.now().plus(DECISION_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<RunLogEntry> entry = runLog.byExecution(thisNode.name(), executionId, watermark);
            if (entry.isPresent() && entry.get().outcome() == RunOutcome.SKIPPED) {
                return new RunRequest.Skipped(executionId, entry.get().message());
            }
            if (entry.isPresent() && (entry.get().outcome().finished() || runningSyncs.isRunning(executionId))) {
                return new RunRequest.Started(executionId);
            }
            // An entry still open while the execution has ended is not an answer: JBeret (WildFly)
            // reports the execution COMPLETED before afterJob has recorded the skip, JBatch (Payara)
            // only after. Only an execution that ended without any entry is decided here.
            if (entry.isEmpty() && ENDED.contains(launcher.status(executionId))) {
                // Ended without a run-log entry: its listener failed before recording anything.
                return new RunRequest.Started(executionId);
            }
            Thread.sleep(20);
        }
        return new RunRequest.Started(executionId);
    }

    /** Asks a running execution to stop at its next chunk boundary. */
    public StopResult stop(long executionId, String who) {
        if (endedInRunLog(executionId)) {
            return StopResult.ALREADY_ENDED;
        }
        BatchStatus status;
        try {
            status = launcher.status(executionId);
        } catch (NoSuchJobExecutionException e) {
            return StopResult.UNKNOWN;
        }
        if (!ACTIVE.contains(status)) {
            return StopResult.ALREADY_ENDED;
        }
        runningSyncs.stopRequested(executionId);
        try {
            SyncLauncher.jobOperator().stop(executionId);
        } catch (jakarta.batch.operations.JobExecutionNotRunningException e) {
            return StopResult.ALREADY_ENDED;
        }
        LOG.info(() -> Plugin.logPrefix(executionId) + "stop requested by " + who);
        return StopResult.STOPPING;
    }

    /**
     * Whether this process's run of the execution has its end in the run log, which is what the
     * operator reads: for the few milliseconds its end takes after that, the run is still registered
     * and its job still STARTED. Registered only once its entry exists, so the newest entry of this
     * node for the execution is the run's own.
     */
    private boolean endedInRunLog(long executionId) {
        if (!runningSyncs.isRunning(executionId)) {
            return false;
        }
        try {
            return new RunLog(database).byExecution(thisNode.name(), executionId, 0)
                    .filter(entry -> entry.outcome().finished()).isPresent();
        } catch (SQLException e) {
            // Unreadable, the run log cannot say the run ended: the batch runtime decides.
            return false;
        }
    }

    /**
     * Stops a run and waits, bounded, for it to end at a chunk boundary. A run that does not end in
     * time is recorded with {@code outcome} and its lock is freed, so no stuck lock stays behind.
     *
     * @return true if the run ended by itself within {@code wait}
     */
    public boolean stopOrForce(long executionId, String who, Duration wait, RunOutcome outcome, String why)
            throws InterruptedException {
        // Recorded first, so that the run ends as stopped even when the batch runtime refuses the stop.
        runningSyncs.stopRequested(executionId);
        try {
            stop(executionId, who);
        } catch (RuntimeException e) {
            // A stopping Payara Micro fails every call of the batch runtime: the runtime's own
            // database closes itself as soon as the JVM begins to exit, and the job then ends by
            // itself. The bounded wait below still sees this run end, or ends it.
            LOG.log(Level.WARNING, Plugin.logPrefix(executionId) + "the batch runtime did not take the stop;"
                    + " waiting for the run to end", e);
        }
        Instant deadline = Instant.now().plus(wait);
        while (Instant.now().isBefore(deadline)) {
            if (!runningSyncs.isRunning(executionId)) {
                return true;
            }
            Thread.sleep(100);
        }
        lifecycle.forceEnd(executionId, outcome, why + "; it did not stop within " + wait.toSeconds() + " s");
        return false;
    }

    public Optional<LockState> lockState() {
        return syncLocks.lock().state();
    }

    /**
     * Frees the lock if it is stale, or if its holder is an execution of this node that is no
     * longer running. A live lock is never freed (README, Behavior 11).
     *
     * @return the holder that was freed, or empty when the lock is free already
     * @throws IllegalStateException with the reason when the lock is live
     */
    public Optional<LockHolder> freeLock(String who) {
        Optional<LockState> state = lockState();
        if (state.isEmpty()) {
            return Optional.empty();
        }
        LockState lock = state.get();
        if (lock.stale()) {
            Optional<LockHolder> freed = syncLocks.lock().releaseIfStale();
            freed.ifPresent(holder -> lifecycle.closeRunOf(holder, RunOutcome.TIMED_OUT,
                    "its stale lock was freed by " + who));
            if (freed.isPresent()) {
                return freed;
            }
        } else if (lock.holder().isPresent() && holderIsDead(lock.holder().get(), lock)) {
            LockHolder holder = lock.holder().get();
            if (syncLocks.lock().release(holder)) {
                lifecycle.closeRunOf(holder, RunOutcome.FAILED, "its holder was gone; the lock was freed by " + who);
                return Optional.of(holder);
            }
        }
        throw new IllegalStateException("The sync lock is live (" + lock.describe() + "); it is freed only when"
                + " stale or when its holder is dead.");
    }

    /** Whether {@link #freeLock} would free the lock now: it is held, and stale or its holder is dead. */
    public boolean mayFreeLock() {
        return lockState().map(lock -> lock.stale() || lock.holder().map(h -> holderIsDead(h, lock)).orElse(false))
                .orElse(false);
    }

    /**
     * Dead: an earlier incarnation of this node whose heartbeat stopped (a live one may be another
     * process started with the same node name), or an execution of this node that is not running.
     */
    private boolean holderIsDead(LockHolder holder, LockState lock) {
        if (!holder.node().equals(thisNode.name())) {
            return false;
        }
        if (!holder.incarnation().equals(thisNode.incarnation())) {
            return lock.ageSeconds() > SyncLock.INCARNATION_SILENCE_SECONDS;
        }
        return endedInThisProcess(holder);
    }

    /**
     * Whether {@code holder} is an execution of this very process that has ended: its lock is left
     * only when its end could not reach the database.
     */
    public boolean endedInThisProcess(LockHolder holder) {
        if (!holder.node().equals(thisNode.name()) || !holder.incarnation().equals(thisNode.incarnation())) {
            return false;
        }
        try {
            return !ACTIVE.contains(launcher.status(holder.executionId()))
                    && !runningSyncs.isRunning(holder.executionId());
        } catch (NoSuchJobExecutionException e) {
            return true;
        }
    }
}
