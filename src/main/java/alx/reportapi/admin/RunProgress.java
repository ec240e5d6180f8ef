package alx.reportapi.admin;

/**
 * A run in progress as the status view shows it. Counts are live for runs of this node; a run on
 * another node reports its counts only when it ends ({@code live} false).
 *
 * @param elapsedSeconds since the run started, at most {@code budgetSeconds} for the progress bar
 */
public record RunProgress(long executionId, String node, String trigger, long startedAt, long elapsedSeconds,
        long budgetSeconds, int companiesDone, int companiesFailed, long rowsWritten, boolean live) {

    /** Elapsed time capped at the budget: a {@code <progress>} value must not exceed its max. */
    public long barValue() {
        return Math.min(elapsedSeconds, Math.max(1, budgetSeconds));
    }

    public long barMax() {
        return Math.max(1, budgetSeconds);
    }
}
