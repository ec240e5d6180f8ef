package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The pages of the current company derived ahead: while the writer commits one page, the next
 * ones are derived on connections of their own, so MariaDB derives and writes at the same time
 * instead of one after the other.
 * <p>
 * A page derived ahead is only a read. It is used when the reader asks for exactly that company
 * and key; otherwise (the budget stopped the company, the company failed) all are waited for and
 * dropped, so no derivation outlives the step that started it.
 */
final class PagesAhead implements AutoCloseable {

    /** Bounds the wait for an unused derivation; its statements have timeouts of their own. */
    private static final Duration DROP_WAIT = Duration.ofSeconds(60);

    private final ExecutorService executor;
    private final int depth;
    private final Deque<Ahead> ahead = new ArrayDeque<>();

    private record Ahead(PairPage page, Future<DerivedPage> derived) {
    }

    /** @param depth how many pages at most are derived ahead of the one being written */
    PagesAhead(ExecutorService executor, int depth) {
        this.executor = executor;
        this.depth = depth;
    }

    /**
     * Reads the keys of the pages after {@code taken} and starts deriving them, until
     * {@code depth} are ahead or the company's last page is.
     */
    void fill(PageSource source, PairPage taken, int timeoutSeconds) throws SQLException {
        PairPage newest = ahead.isEmpty() ? taken : ahead.peekLast().page();
        // Bounded by depth.
        while (ahead.size() < depth && !newest.lastOfCompany()) {
            newest = submit(source, source.keys(newest.companyId(), newest.upTo(), timeoutSeconds), timeoutSeconds);
        }
    }

    /**
     * Reads the keys of a company's page after {@code after} and starts deriving it, before the
     * reader asks for it: the next company's first page, while the writer writes the last page of
     * the company before. Anything still ahead is dropped first.
     */
    void begin(PageSource source, long companyId, Pair after, int timeoutSeconds) throws SQLException {
        close();
        submit(source, source.keys(companyId, after, timeoutSeconds), timeoutSeconds);
    }

    private PairPage submit(PageSource source, PairPage page, int timeoutSeconds) {
        ahead.addLast(new Ahead(page, executor.submit(() -> source.derive(page, timeoutSeconds))));
        return page;
    }

    /**
     * The page derived ahead if it is the one asked for; empty if none was (any other is dropped).
     *
     * @throws SQLException the derivation's own failure, as deriving the page here would have thrown it
     */
    Optional<DerivedPage> take(long companyId, Pair after, Duration wait) throws SQLException {
        Ahead next = ahead.peekFirst();
        if (next == null) {
            return Optional.empty();
        }
        if (next.page().companyId() != companyId || !next.page().after().equals(after)) {
            close();
            return Optional.empty();
        }
        ahead.removeFirst();
        return Optional.of(BoundedWait.await(next.derived(), wait, "deriving a page"));
    }

    /** Waits for the derivations in flight and drops them: their connections are back in the pool on return. */
    @Override
    public void close() {
        // Bounded by depth.
        while (!ahead.isEmpty()) {
            BoundedWait.drop(ahead.removeFirst().derived(), DROP_WAIT);
        }
    }
}
