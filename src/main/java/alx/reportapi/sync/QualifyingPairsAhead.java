package alx.reportapi.sync;

import alx.reportapi.moodle.QualifyingPairs;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The qualifying pairs of the company expected next, read on the executor while the current
 * company is synced, so that the next full pass's detection, on the batch thread and inside its
 * fenced transaction, only inserts them.
 * <p>
 * Only a shortcut: a read that failed, took too long or was for another company is dropped, and
 * the detection runs the rule's own statement as it would have without it.
 */
final class QualifyingPairsAhead implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(QualifyingPairsAhead.class.getName());
    /** Bounds the wait for a read that is no longer wanted; its statement has a timeout of its own. */
    private static final Duration DROP_WAIT = Duration.ofSeconds(60);

    private final ExecutorService executor;
    private long companyId;
    private Future<Optional<QualifyingPairs>> reading;

    QualifyingPairsAhead(ExecutorService executor) {
        this.executor = executor;
    }

    /** Starts reading the company's pairs; a read still going for another company is dropped first. */
    void start(long companyId, Callable<Optional<QualifyingPairs>> read) {
        close();
        this.companyId = companyId;
        reading = executor.submit(read);
    }

    /**
     * The pairs read for this company, waiting up to {@code wait} for them; empty when none were
     * read for it or the read failed.
     */
    Optional<QualifyingPairs> take(long companyId, Duration wait, String log) {
        if (reading == null) {
            return Optional.empty();
        }
        if (this.companyId != companyId) {
            close();
            return Optional.empty();
        }
        Future<Optional<QualifyingPairs>> read = reading;
        reading = null;
        try {
            return BoundedWait.await(read, wait, "reading company " + companyId + "'s qualifying pairs ahead");
        } catch (Exception e) {
            LOG.log(Level.FINE, e, () -> log + "company " + companyId
                    + ": the pairs read ahead are not used; detection reads them itself");
            return Optional.empty();
        }
    }

    /** Waits for a read in flight and drops it: its connection is back in the pool on return. */
    @Override
    public void close() {
        if (reading != null) {
            BoundedWait.drop(reading, DROP_WAIT);
            reading = null;
        }
    }
}
