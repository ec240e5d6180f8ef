package alx.reportapi.batchhistory;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds purgeable instances of a job through the portable JobOperator, which on every runtime
 * lists only this application's instances. Pages from the end of the list, where both runtimes
 * keep the oldest instances, so a long history is worked off oldest first over several days.
 */
final class FinishedInstances {

    static final int PAGE_SIZE = 100;

    /** A purge never takes more than this many instances; the rest wait for the next day. */
    static final int MAX_INSTANCES_PER_PURGE = 500;

    /** Bounds the listing too when nothing old is found, e.g. on a site that runs every minute. */
    static final int MAX_PAGES_PER_PURGE = 50;

    private final JobOperator operator;

    FinishedInstances(JobOperator operator) {
        this.operator = operator;
    }

    List<PurgeCandidate> before(String jobName, Instant cutoff) {
        int count;
        try {
            count = operator.getJobInstanceCount(jobName);
        } catch (NoSuchJobException e) {
            return List.of();
        }
        List<PurgeCandidate> candidates = new ArrayList<>();
        int end = count;
        for (int page = 0; page < MAX_PAGES_PER_PURGE && end > 0; page++) {
            int start = Math.max(0, end - PAGE_SIZE);
            for (JobInstance instance : operator.getJobInstances(jobName, start, end - start)) {
                List<JobExecution> executions = operator.getJobExecutions(instance);
                if (PurgeRule.purgeable(executions.stream().map(ExecutionState::of).toList(), cutoff)) {
                    candidates.add(new PurgeCandidate(instance.getInstanceId(),
                            executions.stream().map(JobExecution::getExecutionId).toList()));
                    if (candidates.size() == MAX_INSTANCES_PER_PURGE) {
                        return candidates;
                    }
                }
            }
            end = start;
        }
        return candidates;
    }
}
