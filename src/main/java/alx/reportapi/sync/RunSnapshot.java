package alx.reportapi.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * A running sync as this node sees it at one moment: for the admin page, the operations API, the
 * watchdog and shutdown.
 *
 * @param startedAt   when its budget started counting, by this node's clock
 * @param maxSyncTime its budget
 */
public record RunSnapshot(long executionId, String node, String trigger, Instant startedAt, Duration maxSyncTime,
        int companiesDone, int companiesFailed, long rowsWritten, long rowsDeleted) {
}
