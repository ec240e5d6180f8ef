package alx.reportapi.batchhistory;

import jakarta.batch.runtime.BatchStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

/**
 * Which job instances may go: every execution has finished and ended before the cutoff. One
 * unfinished execution keeps the whole instance, because a restart or a running step still needs
 * its instance, checkpoints and earlier executions.
 */
public final class PurgeRule {

    /** STOPPING is left out on purpose: the execution is still winding down. */
    static final Set<BatchStatus> FINISHED = Set.of(BatchStatus.COMPLETED, BatchStatus.FAILED,
            BatchStatus.STOPPED, BatchStatus.ABANDONED);

    private PurgeRule() {
    }

    public static boolean finished(BatchStatus status) {
        return status != null && FINISHED.contains(status);
    }

    public static boolean endedBefore(ExecutionState execution, Instant cutoff) {
        return finished(execution.status()) && execution.endedAt().map(end -> end.isBefore(cutoff)).orElse(false);
    }

    /** An instance without executions is left alone: it is being created, not finished. */
    public static boolean purgeable(Collection<ExecutionState> executions, Instant cutoff) {
        return !executions.isEmpty() && executions.stream().allMatch(execution -> endedBefore(execution, cutoff));
    }
}
