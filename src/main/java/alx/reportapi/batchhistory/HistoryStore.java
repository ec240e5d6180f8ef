package alx.reportapi.batchhistory;

import java.time.Instant;

/**
 * One runtime's way of deleting its history. Given a candidate chosen through the portable
 * JobOperator, it removes the instance and its executions only if they are, at that moment,
 * still all finished before the cutoff, so a restart that began since the choice is never touched.
 */
interface HistoryStore {

    /** Returns how many executions were removed; 0 when the candidate no longer qualifies. */
    int remove(String jobName, PurgeCandidate candidate, Instant cutoff) throws Exception;

    /** The runtime, for the log. */
    String runtime();
}
