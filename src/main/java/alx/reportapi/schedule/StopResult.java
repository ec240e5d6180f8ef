package alx.reportapi.schedule;

/** The answer to a request to stop a run. */
public enum StopResult {
    /** The run was asked to stop; it ends at its next chunk boundary and is recorded as stopped. */
    STOPPING,
    /** No run has that execution id. */
    UNKNOWN,
    /** The run had already ended; nothing was done. */
    ALREADY_ENDED;

    /** What the operator reads, the same on the admin page and in the operations API. */
    public String describe(long executionId) {
        return switch (this) {
            case STOPPING -> "Run " + executionId + " stops at its next chunk boundary.";
            case UNKNOWN -> "No run has execution id " + executionId + " on this node.";
            case ALREADY_ENDED -> "Run " + executionId + " has already ended; there is nothing to stop.";
        };
    }
}
