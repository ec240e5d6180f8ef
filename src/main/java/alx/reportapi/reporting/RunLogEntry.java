package alx.reportapi.reporting;

/**
 * One run attempt in the run log; times are Unix seconds on the database clock, 0 if not yet.
 * {@code corrections}: rows the rolling verification corrected (README, Behavior 16).
 */
public record RunLogEntry(long id, long executionId, String node, String trigger, RunOutcome outcome,
        long startedAt, long endedAt, int budgetSeconds, int companiesDone, int companiesFailed,
        int companiesRemaining, long rowsWritten, long rowsDeleted, long corrections, String message) {

    public long durationSeconds() {
        return endedAt >= startedAt && endedAt > 0 ? endedAt - startedAt : 0;
    }
}
