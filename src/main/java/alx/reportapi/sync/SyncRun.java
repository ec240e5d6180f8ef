package alx.reportapi.sync;

import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.moodle.CourseModules;
import jakarta.batch.runtime.context.JobContext;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The state one job execution shares between its listener, reader and writer, kept in
 * the job context's transient user data (portable across JBatch and JBeret, unlike a job scope).
 */
public final class SyncRun {

    private final long executionId;
    private final String node;
    private final String trigger;
    private final SyncBudget budget;
    private final int batchSize;
    private final long runLogId;
    private WriteFence fence;
    private Optional<String> skippedBecause = Optional.empty();
    private CourseModules courseModules = CourseModules.NONE;
    private Optional<TimedChanges> timedChanges = Optional.empty();
    private final Set<Long> abandonedCompanies = new HashSet<>();
    // Written by the batch thread only; volatile because progress views read them from others.
    private volatile int companiesDone;
    private volatile int companiesFailed;
    private volatile long rowsWritten;
    private volatile long rowsDeleted;
    private boolean budgetStopped;
    private volatile boolean readingFinished;
    private boolean lockLost;
    private Throwable failure;

    public SyncRun(long executionId, String node, String trigger, SyncBudget budget, int batchSize, long runLogId) {
        this.executionId = executionId;
        this.node = node;
        this.trigger = trigger;
        this.budget = budget;
        this.batchSize = batchSize;
        this.runLogId = runLogId;
    }

    public static SyncRun of(JobContext jobContext) {
        Object data = jobContext.getTransientUserData();
        if (data instanceof SyncRun run) {
            return run;
        }
        throw new IllegalStateException("SyncReportingDataJob runs only with SyncJobListener, which opens the run");
    }

    public long executionId() {
        return executionId;
    }

    public String node() {
        return node;
    }

    public String trigger() {
        return trigger;
    }

    public SyncBudget budget() {
        return budget;
    }

    public int batchSize() {
        return batchSize;
    }

    public long runLogId() {
        return runLogId;
    }

    public WriteFence fence() {
        return fence;
    }

    public void holdLock(WriteFence lockFence) {
        this.fence = lockFence;
    }

    public void skip(String reason) {
        skippedBecause = Optional.of(reason);
    }

    public Optional<String> skippedBecause() {
        return skippedBecause;
    }

    /** The run's one scan of course_modules: fingerprints for detection, tracked counts for derivation. */
    public CourseModules courseModules() {
        return courseModules;
    }

    public void courseModules(CourseModules scanned) {
        this.courseModules = scanned;
    }

    public Optional<TimedChanges> timedChanges() {
        return timedChanges;
    }

    public void timedChanges(Optional<TimedChanges> collected) {
        this.timedChanges = collected;
    }

    public void abandon(long companyId) {
        abandonedCompanies.add(companyId);
        companiesFailed++;
    }

    public boolean isAbandoned(long companyId) {
        return abandonedCompanies.contains(companyId);
    }

    public void companyDone() {
        companiesDone++;
    }

    public void wrote(long written, long deleted) {
        rowsWritten += written;
        rowsDeleted += deleted;
    }

    /** The reader came to the end by itself; a run that ends without this was stopped from outside. */
    public void readingFinished() {
        readingFinished = true;
    }

    public boolean hasFinishedReading() {
        return readingFinished;
    }

    public void budgetStopped() {
        budgetStopped = true;
    }

    public boolean wasBudgetStopped() {
        return budgetStopped;
    }

    public void lockLost() {
        lockLost = true;
    }

    public boolean wasLockLost() {
        return lockLost;
    }

    public void failed(Throwable cause) {
        failure = cause;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public int companiesDone() {
        return companiesDone;
    }

    public int companiesFailed() {
        return companiesFailed;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public long rowsDeleted() {
        return rowsDeleted;
    }

    /** Log prefix naming the plugin and this execution. */
    public String log() {
        return "[local_alx_report_api] [execution " + executionId + "] ";
    }
}
