package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagesAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long COMPANY = 7;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** A company of {@code pages} pages of two pairs each: users 1..2*pages, course 1. */
    private static final class FakeSource implements PageSource {
        final int pages;
        final List<Pair> keysRead = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger derived = new AtomicInteger();
        volatile SQLException failure;
        volatile CountDownLatch gate = new CountDownLatch(0);

        FakeSource(int pages) {
            this.pages = pages;
        }

        @Override
        public PairPage keys(long companyId, Pair after, int timeoutSeconds) {
            keysRead.add(after);
            long first = after.userId() + 1;
            boolean last = first + 1 >= 2L * pages;
            return new PairPage(companyId, after, List.of(new Pair(first, 1), new Pair(first + 1, 1)), last);
        }

        @Override
        public DerivedPage derive(PairPage page, int timeoutSeconds) throws SQLException {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            derived.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return new DerivedPage(page, List.of(), page.pairs());
        }
    }

    private static PairPage firstPage(FakeSource source) {
        return source.keys(COMPANY, Pair.START, 30);
    }

    /** Where every fake company's first page ends: users 1 and 2 of course 1. */
    private static final Pair FIRST_PAGE_END = new Pair(2, 1);

    /** As the reader leaves it once it has read the company's first page. */
    private PagesAhead startedAfterTheFirstPage(FakeSource source, int depth) throws SQLException {
        PagesAhead ahead = new PagesAhead(executor, depth);
        ahead.fill(source, firstPage(source), 30);
        return ahead;
    }

    @Test
    void theNextPageIsDerivedAheadAndTakenByItsKey() throws Exception {
        FakeSource source = new FakeSource(3);
        PagesAhead ahead = startedAfterTheFirstPage(source, 1);
        Optional<DerivedPage> second = ahead.take(COMPANY, FIRST_PAGE_END, WAIT);
        assertTrue(second.isPresent());
        assertEquals(FIRST_PAGE_END, second.get().page().after());
        assertEquals(List.of(new Pair(3, 1), new Pair(4, 1)), second.get().page().pairs());
        assertEquals(1, source.derived.get());
    }

    @Test
    void nothingIsDerivedPastTheCompanysLastPageNorBeyondTheDepth() throws Exception {
        FakeSource source = new FakeSource(3);
        PagesAhead ahead = startedAfterTheFirstPage(source, 5);
        // Pages 2 and 3 of 3: the last page ends the filling although the depth allows five.
        assertEquals(3, source.keysRead.size());
        DerivedPage second = ahead.take(COMPANY, FIRST_PAGE_END, WAIT).orElseThrow();
        DerivedPage third = ahead.take(COMPANY, second.page().upTo(), WAIT).orElseThrow();
        assertTrue(third.page().lastOfCompany());
        assertEquals(Optional.empty(), ahead.take(COMPANY, third.page().upTo(), WAIT));

        FakeSource longer = new FakeSource(10);
        PagesAhead two = startedAfterTheFirstPage(longer, 2);
        assertEquals(3, longer.keysRead.size(), "the first page and two ahead");
        two.close();
    }

    @Test
    void theNextCompanysFirstPageBegunAheadIsServedAndWhatWasStillAheadIsDropped() throws Exception {
        FakeSource source = new FakeSource(3);
        PagesAhead ahead = startedAfterTheFirstPage(source, 1);
        ahead.begin(source, COMPANY + 1, Pair.START, 30);
        DerivedPage next = ahead.take(COMPANY + 1, Pair.START, WAIT).orElseThrow();
        assertEquals(COMPANY + 1, next.page().companyId());
        assertEquals(List.of(new Pair(1, 1), new Pair(2, 1)), next.page().pairs());
        assertEquals(2, source.derived.get(), "the dropped page's derivation ended, then the begun one's");
        assertEquals(Optional.empty(), ahead.take(COMPANY, FIRST_PAGE_END, WAIT), "the dropped page is gone");
    }

    @Test
    void aPageAskedForByAnotherKeyOrCompanyIsNotServedAndTheOnesAheadAreDropped() throws Exception {
        FakeSource source = new FakeSource(4);
        PagesAhead ahead = startedAfterTheFirstPage(source, 2);
        assertEquals(Optional.empty(), ahead.take(COMPANY + 1, FIRST_PAGE_END, WAIT));
        // Dropped, not kept for later: asking again with the right key finds nothing ahead.
        assertEquals(Optional.empty(), ahead.take(COMPANY, FIRST_PAGE_END, WAIT));
        assertEquals(2, source.derived.get(), "both derivations ended before the drop returned");
    }

    @Test
    void aDerivationsFailureReachesTheReaderAsItself() throws Exception {
        FakeSource source = new FakeSource(3);
        SQLException failure = new SQLException("injected", "42000");
        source.failure = failure;
        PagesAhead ahead = startedAfterTheFirstPage(source, 1);
        SQLException thrown = assertThrows(SQLException.class, () -> ahead.take(COMPANY, FIRST_PAGE_END, WAIT));
        assertSame(failure, thrown);
    }

    @Test
    void closingWaitsForTheDerivationsInFlight() throws Exception {
        FakeSource source = new FakeSource(3);
        source.gate = new CountDownLatch(1);
        PagesAhead ahead = startedAfterTheFirstPage(source, 1);
        executor.submit(() -> {
            Thread.sleep(200);
            source.gate.countDown();
            return null;
        });
        ahead.close();
        assertEquals(1, source.derived.get(), "close returned only after the derivation in flight ended");
    }

    @Test
    void aDerivationSlowerThanTheWaitFailsThePageInsteadOfBlockingTheRun() throws Exception {
        FakeSource source = new FakeSource(3);
        source.gate = new CountDownLatch(1);
        PagesAhead ahead = startedAfterTheFirstPage(source, 1);
        try {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> ahead.take(COMPANY, FIRST_PAGE_END, Duration.ofMillis(100)));
            assertTrue(thrown.getMessage().contains("deriving a page did not finish within"), thrown.getMessage());
        } finally {
            source.gate.countDown();
        }
    }
}
