package alx.reportapi.schedule;

/** The answer to a request to stop a run. */
public enum StopResult {
    /** The run was asked to stop; it ends at its next chunk boundary and is recorded as stopped. */
    STOPPING,
    /** No run has that execution id. */
    UNKNOWN,
    /** The run had already ended; nothing was done. */
    ALREADY_ENDED
}
