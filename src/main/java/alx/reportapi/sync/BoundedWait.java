package alx.reportapi.sync;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits, with a limit, for work the run handed to another thread, and rethrows its failure as
 * itself: a database error there isolates a company or ends the run exactly as it would have on
 * the batch thread.
 */
final class BoundedWait {

    private BoundedWait() {
    }

    /** @param what names the work in the errors, e.g. "deriving a page" */
    static <T> T await(Future<T> work, Duration wait, String what) throws SQLException {
        try {
            return work.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work.cancel(true);
            throw new IllegalStateException("interrupted while " + what, e);
        } catch (TimeoutException e) {
            work.cancel(true);
            throw new IllegalStateException(what + " did not finish within " + wait.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * Waits for work whose result is no longer wanted, so that it ends before the step that
     * started it; work stuck past the wait is cancelled, and its statement ends at its own timeout.
     */
    static void drop(Future<?> unwanted, Duration wait) {
        try {
            unwanted.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unwanted.cancel(true);
        } catch (ExecutionException | CancellationException | TimeoutException e) {
            // Unwanted, so its outcome does not matter.
            unwanted.cancel(true);
        }
    }
}
