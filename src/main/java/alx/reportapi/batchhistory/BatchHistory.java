package alx.reportapi.batchhistory;

import java.time.Instant;

/** The batch runtime's history of one job, as far as it can be purged. */
public interface BatchHistory {

    /**
     * Removes the job's instances whose executions all finished and ended before the cutoff;
     * returns how many executions went with them.
     */
    int purgeFinishedBefore(String jobName, Instant cutoff);
}
