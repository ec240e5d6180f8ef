package alx.reportapi.sync;

import alx.reportapi.Plugin;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.TimedChanges;
import jakarta.batch.runtime.context.JobContext;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one job execution's artifacts share, kept in the job context's transient user data
 * (portable across JBatch and JBeret, unlike a job scope): the run's fixed facts, what its
 * preparation found, and what happened so far. Only the sync package sees it; others read a
 * {@link RunSnapshot}.
 * <p>
 * The batch thread writes it; progress views on other threads read the counters, hence atomics
 * and volatiles.
 */
final class SyncRun {

    private final long executionId;
    private final String trigger;
    private final LockHolder holder;
    private final SyncBudget budget;
    private final int batchSize;
    private final ChangeDetectionSettings detection;
    private final long runLogId;
    private final RunTransactions transactions;

    private volatile Optional<String> skippedBecause = Optional.empty();
    private volatile CourseModules courseModules = CourseModules.NONE;
    private volatile Optional<TimedChanges> timedChanges = Optional.empty();

    private final Set<Long> failedCompanies = ConcurrentHashMap.newKeySet();
    private final AtomicInteger companiesDone = new AtomicInteger();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rowsDeleted = new AtomicLong();
    private volatile boolean budgetStopped;
    private volatile boolean readingFinished;
    private volatile boolean lockLost;
    private volatile Throwable failure;
    private volatile DerivationsAhead derivationsAhead;
    private final PassTimes passTimes = new PassTimes();

    SyncRun(long executionId, String trigger, LockHolder holder, SyncBudget budget, int batchSize,
            ChangeDetectionSettings detection, long runLogId, RunTransactions.Factory transactions) {
        this.detection = detection;
        this.executionId = executionId;
        this.trigger = trigger;
        this.holder = holder;
        this.budget = budget;
        this.batchSize = batchSize;
        this.runLogId = runLogId;
        this.transactions = transactions.of(this);
    }

    static SyncRun of(JobContext jobContext) {
        Object data = jobContext.getTransientUserData();
        if (data instanceof SyncRun run) {
            return run;
        }
        throw new IllegalStateException("SyncReportingDataJob runs only with SyncJobListener, which opens the run");
    }

    long executionId() {
        return executionId;
    }

    String trigger() {
        return trigger;
    }

    LockHolder holder() {
        return holder;
    }

    SyncBudget budget() {
        return budget;
    }

    int batchSize() {
        return batchSize;
    }

    ChangeDetectionSettings detection() {
        return detection;
    }

    /** The run-log entry's id: unique across nodes, unlike batch execution ids. */
    long runLogId() {
        return runLogId;
    }

    /** The run's transactions: every one bounded by the budget, every writing one fenced. */
    RunTransactions transactions() {
        return transactions;
    }

    void skip(String reason) {
        skippedBecause = Optional.of(reason);
    }

    Optional<String> skippedBecause() {
        return skippedBecause;
    }

    /** Prepared once per execution: the run's scan of course_modules and collection of timed changes. */
    void prepared(CourseModules scanned, Optional<TimedChanges> collected) {
        this.courseModules = scanned;
        this.timedChanges = collected;
    }

    CourseModules courseModules() {
        return courseModules;
    }

    Optional<TimedChanges> timedChanges() {
        return timedChanges;
    }

    void companyFailed(long companyId) {
        failedCompanies.add(companyId);
    }

    /** A company whose sync failed in this run: the run leaves it alone until a later run. */
    boolean hasFailed(long companyId) {
        return failedCompanies.contains(companyId);
    }

    void companyDone(long written, long deleted) {
        companiesDone.incrementAndGet();
        wrote(written, deleted);
    }

    void wrote(long written, long deleted) {
        rowsWritten.addAndGet(written);
        rowsDeleted.addAndGet(deleted);
    }

    /** Where the chunk step's time went, phase by phase. */
    PassTimes passTimes() {
        return passTimes;
    }

    /** The chunk step's derivations ahead, dropped when the step ends. */
    void derivingAhead(DerivationsAhead ahead) {
        this.derivationsAhead = ahead;
    }

    void stepEnded() {
        DerivationsAhead ahead = derivationsAhead;
        if (ahead != null) {
            ahead.close();
            derivationsAhead = null;
        }
    }

    void readingFinished() {
        readingFinished = true;
    }

    void budgetStopped() {
        budgetStopped = true;
    }

    void lockLost() {
        lockLost = true;
    }

    void failed(Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    /** What the run observed of itself, for {@link RunOutcomeRule}. */
    RunFacts facts(boolean stopRequested) {
        return new RunFacts(skippedBecause, Optional.ofNullable(failure), lockLost, stopRequested, readingFinished,
                budgetStopped, companiesDone.get(), failedCompanies.size(), rowsWritten.get(), rowsDeleted.get());
    }

    RunSnapshot progress(String node) {
        return new RunSnapshot(executionId, node, trigger, budget.startedAt(), budget.maxSyncTime(),
                companiesDone.get(), failedCompanies.size(), rowsWritten.get(), rowsDeleted.get());
    }

    /** Log prefix naming the plugin and this execution. */
    String log() {
        return Plugin.logPrefix(executionId);
    }
}
