package alx.reportapi.batchhistory;

import alx.reportapi.Plugin;
import jakarta.batch.operations.JobOperator;

import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The purge on whatever runtime the application is deployed to: candidates from the portable
 * JobOperator, removal by that runtime's store. One candidate that fails is logged and skipped,
 * so a single bad row cannot hold back the rest of the history.
 */
public final class BatchHistoryPurge implements BatchHistory {

    private static final Logger LOG = Logger.getLogger(BatchHistoryPurge.class.getName());

    private final JobOperator operator;
    private final Optional<HistoryStore> store;

    private BatchHistoryPurge(JobOperator operator, Optional<HistoryStore> store) {
        this.operator = operator;
        this.store = store;
    }

    /** For the runtime behind this operator; a runtime it does not know purges nothing. */
    public static BatchHistoryPurge of(JobOperator operator) {
        return new BatchHistoryPurge(operator, HistoryStores.forOperator(operator));
    }

    @Override
    public int purgeFinishedBefore(String jobName, Instant cutoff) {
        if (store.isEmpty()) {
            return 0;
        }
        int removed = 0;
        int failed = 0;
        for (PurgeCandidate candidate : new FinishedInstances(operator).before(jobName, cutoff)) {
            try {
                removed += store.get().remove(jobName, candidate, cutoff);
            } catch (Exception e) {
                failed++;
                LOG.log(Level.WARNING, e, () -> Plugin.LOG_PREFIX + "retention: could not remove job instance "
                        + candidate.instanceId() + " of " + jobName + " from the " + store.get().runtime()
                        + " history; it is tried again tomorrow");
            }
        }
        int total = removed;
        int failures = failed;
        LOG.info(() -> Plugin.LOG_PREFIX + "retention: removed " + total + " " + jobName
                + " executions that ended before " + cutoff + " from the " + store.get().runtime() + " history"
                + (failures > 0 ? " (" + failures + " instances failed)" : ""));
        return removed;
    }
}
