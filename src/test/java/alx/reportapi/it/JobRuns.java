package alx.reportapi.it;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.inject.spi.CDI;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;

/** Starts the sync job through the JobOperator and waits, with a deadline, for it to end. */
public final class JobRuns {

    private static final Set<BatchStatus> ENDED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private JobRuns() {
    }

    public static Properties parameters(int maxSyncTime, int batchSize, String trigger) {
        Properties parameters = new Properties();
        parameters.setProperty(SyncReportingDataJob.MAX_SYNC_TIME, Integer.toString(maxSyncTime));
        parameters.setProperty(SyncReportingDataJob.BATCH_SIZE, Integer.toString(batchSize));
        parameters.setProperty(SyncReportingDataJob.TRIGGER, trigger);
        return parameters;
    }

    public static long start(Properties parameters) {
        return operator().start(SyncReportingDataJob.NAME, parameters);
    }

    /** Runs the job to its end and returns the execution id. */
    public static long run(int maxSyncTime, int batchSize) throws InterruptedException {
        long id = start(parameters(maxSyncTime, batchSize, "test"));
        awaitEnd(id, Duration.ofMinutes(5));
        return id;
    }

    /**
     * Waits until the execution has ended and its job listener is done: the run recorded in the
     * run log and its lock released. The batch status alone is not enough, because JBeret
     * (WildFly) reports COMPLETED while afterJob still runs, where JBatch (Payara) reports it after.
     */
    public static BatchStatus awaitEnd(long executionId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JobExecution execution = operator().getJobExecution(executionId);
            if (ENDED.contains(execution.getBatchStatus()) && listenerDone(executionId)) {
                return execution.getBatchStatus();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("execution " + executionId + " did not end within " + timeout);
    }

    /** The run log holds the run's outcome, and the run is no longer registered as running. */
    private static boolean listenerDone(long executionId) {
        CDI<Object> beans = CDI.current();
        try {
            Optional<RunLogEntry> entry = new RunLog(beans.select(Database.class).get()).byExecution(executionId);
            return entry.isPresent() && entry.get().outcome().finished()
                    && beans.select(RunningSyncs.class).get().get(executionId).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the run log", e);
        }
    }

    /** Waits, with a deadline, until the condition holds. */
    public static void awaitCondition(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    public static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
