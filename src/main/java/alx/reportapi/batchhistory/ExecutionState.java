package alx.reportapi.batchhistory;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/** What the purge rule needs to know of one execution: its status and, once it has one, its end. */
public record ExecutionState(long executionId, BatchStatus status, Optional<Instant> endedAt) {

    public static ExecutionState of(JobExecution execution) {
        return new ExecutionState(execution.getExecutionId(), execution.getBatchStatus(),
                Optional.ofNullable(execution.getEndTime()).map(Date::toInstant));
    }
}
