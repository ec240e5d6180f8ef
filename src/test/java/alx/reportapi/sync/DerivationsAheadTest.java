package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import alx.reportapi.sync.SyncItem.DerivedPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one derivation ahead: used when it is of the page asked for, dropped otherwise, never lost. */
class DerivationsAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ConcurrentLinkedQueue<String> derived = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static PairPage page(long company, long afterUser, long upToUser, boolean last) {
        return new PairPage(company, new Pair(afterUser, 0), List.of(new Pair(upToUser, 1)), last, Set.of());
    }

    private DerivedPage deriveRecording(PairPage page) {
        derived.add(page.companyId() + ":" + page.after().userId() + "@" + Thread.currentThread().getName());
        return new DerivedPage(page, List.of(), List.of());
    }

    @Test
    void thePageAfterIsDerivedOnAnotherThreadAndHandedOutWhenAskedFor() throws SQLException {
        DerivationsAhead ahead = new DerivationsAhead(executor, this::deriveRecording);
        PairPage first = page(1, 0, 10, false);
        PairPage second = page(1, 10, 20, true);
        ahead.derive(first, Optional.of(second), WAIT);
        DerivedPage secondDerived = ahead.derive(second, Optional.empty(), WAIT);
        assertSame(second, secondDerived.page());
        List<String> calls = List.copyOf(derived);
        assertEquals(2, calls.size(), calls.toString());
        String callerThread = Thread.currentThread().getName();
        assertTrue(calls.stream().filter(call -> call.startsWith("1:0@")).allMatch(call -> call.endsWith(callerThread)),
                "the page asked for with nothing ahead is derived on the caller's thread: " + calls);
        assertTrue(calls.stream().filter(call -> call.startsWith("1:10@")).noneMatch(call -> call.endsWith(callerThread)),
                "the page after is derived ahead, elsewhere: " + calls);
    }

    @Test
    void aDerivationAheadOfAnotherPageIsDroppedAndThePageAskedForDerivedNow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DerivationsAhead ahead = new DerivationsAhead(executor, page -> {
            if (page.companyId() == 1) {
                awaitQuietly(release);
            }
            return deriveRecording(page);
        });
        ahead.derive(page(2, 0, 5, false), Optional.of(page(1, 5, 9, true)), WAIT);
        release.countDown();
        PairPage other = page(3, 0, 7, true);
        assertSame(other, ahead.derive(other, Optional.empty(), WAIT).page());
        assertTrue(derived.stream().anyMatch(call -> call.startsWith("1:5@")),
                "the unwanted derivation was waited for, not abandoned mid-flight");
    }

    @Test
    void aFailureAheadIsThrownWhenItsPageIsAskedFor() throws SQLException {
        DerivationsAhead ahead = new DerivationsAhead(executor, page -> {
            if (page.after().userId() == 10) {
                throw new SQLException("injected failure of the page after");
            }
            return deriveRecording(page);
        });
        PairPage second = page(1, 10, 20, true);
        ahead.derive(page(1, 0, 10, false), Optional.of(second), WAIT);
        SQLException thrown = assertThrows(SQLException.class, () -> ahead.derive(second, Optional.empty(), WAIT));
        assertEquals("injected failure of the page after", thrown.getMessage());
    }

    @Test
    void closingWaitsForTheDerivationAhead() throws SQLException {
        CountDownLatch started = new CountDownLatch(1);
        DerivationsAhead ahead = new DerivationsAhead(executor, page -> {
            if (page.after().userId() == 10) {
                started.countDown();
                awaitQuietly(new CountDownLatch(1), Duration.ofMillis(300));
            }
            return deriveRecording(page);
        });
        ahead.derive(page(1, 0, 10, false), Optional.of(page(1, 10, 20, true)), WAIT);
        ahead.close();
        assertTrue(derived.stream().anyMatch(call -> call.startsWith("1:10@")), "closed only once it ended: " + derived);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        awaitQuietly(latch, Duration.ofSeconds(10));
    }

    private static void awaitQuietly(CountDownLatch latch, Duration wait) {
        try {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
