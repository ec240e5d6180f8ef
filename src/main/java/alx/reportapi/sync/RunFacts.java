package alx.reportapi.sync;

import java.util.Optional;

/**
 * What a run observed of itself by its end: all that {@link RunOutcomeRule} decides from.
 *
 * @param skippedBecause  why the run did not take the lock, if it did not
 * @param failure         what ended the run's step, if something did
 * @param lockLost        a writing transaction found the lock taken over
 * @param stopRequested   this product asked the run to stop (admin, API, watchdog, shutdown)
 * @param readingFinished the reader ended by itself: the queue was done, or the budget stopped it
 * @param budgetStopped   the time budget stopped the reader
 */
record RunFacts(Optional<String> skippedBecause, Optional<Throwable> failure, boolean lockLost,
        boolean stopRequested, boolean readingFinished, boolean budgetStopped, int companiesDone,
        int companiesFailed, long rowsWritten, long rowsDeleted) {
}
