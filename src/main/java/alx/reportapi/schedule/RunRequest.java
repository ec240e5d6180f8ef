package alx.reportapi.schedule;

/**
 * What became of a request to run the sync now: it started, or it was skipped because another
 * run holds the lock (and the run log says so, with the holder and the lock's age).
 */
public sealed interface RunRequest permits RunRequest.Started, RunRequest.Skipped {

    long executionId();

    record Started(long executionId) implements RunRequest {
    }

    record Skipped(long executionId, String message) implements RunRequest {
    }
}
