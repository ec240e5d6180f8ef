package alx.reportapi.sync;

import alx.reportapi.sync.SyncItem.DerivedPage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The run's one piece of concurrency: while the writer commits a page, the page after it is
 * derived on a connection of its own, so the database derives and writes at the same time.
 * <p>
 * <b>Invariant:</b> at most one derivation is ahead, and it is of the page the reader said comes
 * next. A derivation that is not of the page asked for, or is no longer wanted, is waited for and
 * dropped, so none outlives the step that started it. A derivation only reads; dropping it
 * changes nothing.
 */
final class DerivationsAhead implements AutoCloseable {

    /** Derives one page; the implementation runs in a transaction of its own. */
    @FunctionalInterface
    interface Deriver {
        DerivedPage derive(PairPage page) throws SQLException;
    }

    /** Bounds the wait for an unused derivation; its statements have timeouts of their own. */
    private static final Duration DROP_WAIT = Duration.ofSeconds(60);

    private final ExecutorService executor;
    private final Deriver deriver;
    private Ahead ahead;

    private record Ahead(PairPage page, Future<DerivedPage> derived) {
    }

    DerivationsAhead(ExecutorService executor, Deriver deriver) {
        this.executor = executor;
        this.deriver = deriver;
    }

    /**
     * The derived page: the one derived ahead if it is this page, otherwise derived now. The page
     * after it, if known, starts deriving first, so that the two derive side by side.
     *
     * @param wait bounds the wait for a derivation running on another thread
     * @throws SQLException the derivation's own failure, wherever it ran
     */
    DerivedPage derive(PairPage page, Optional<PairPage> next, Duration wait) throws SQLException {
        Future<DerivedPage> mine = null;
        if (ahead != null && ahead.page().equals(page)) {
            mine = ahead.derived();
            ahead = null;
        } else {
            close();
        }
        if (next.isPresent()) {
            PairPage following = next.get();
            ahead = new Ahead(following, executor.submit(() -> deriver.derive(following)));
        }
        return mine == null ? deriver.derive(page) : BoundedWait.await(mine, wait, "deriving a page");
    }

    /** Waits for a derivation in flight and drops it: its connection is back in the pool on return. */
    @Override
    public void close() {
        if (ahead != null) {
            BoundedWait.drop(ahead.derived(), DROP_WAIT);
            ahead = null;
        }
    }
}
