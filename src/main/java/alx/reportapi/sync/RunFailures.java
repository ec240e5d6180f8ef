package alx.reportapi.sync;

import alx.reportapi.db.SqlFailures;

/**
 * Which failures are the run's and which are one company's (README, Behavior 9). A lost lock, or a
 * database that stays unreachable through the retries, is not the company's data: it ends the run,
 * where a company's own failure is isolated and the run goes on.
 */
final class RunFailures {

    private RunFailures() {
    }

    static boolean endRun(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof LockLostException) {
                return true;
            }
        }
        return SqlFailures.isConnectionFailure(failure);
    }
}
