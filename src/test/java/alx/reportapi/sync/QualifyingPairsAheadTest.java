package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.QualifyingPairs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QualifyingPairsAheadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long COMPANY = 4;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final QualifyingPairsAhead ahead = new QualifyingPairsAhead(executor);

    @AfterEach
    void stopExecutor() throws InterruptedException {
        ahead.close();
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
    }

    private static QualifyingPairs pairsOf(long companyId) {
        TreeSet<Pair> pairs = new TreeSet<>();
        pairs.add(new Pair(3, 1));
        pairs.add(new Pair(2, 1));
        return new QualifyingPairs(companyId, 1000, pairs);
    }

    @Test
    void theCompanysPairsAreTakenOnce() {
        ahead.start(COMPANY, () -> Optional.of(pairsOf(COMPANY)));
        QualifyingPairs taken = ahead.take(COMPANY, WAIT, "").orElseThrow();
        assertEquals(COMPANY, taken.companyId());
        assertEquals(new Pair(2, 1), taken.pairs().first());
        assertEquals(Optional.empty(), ahead.take(COMPANY, WAIT, ""), "taken once; a later pass reads its own");
    }

    @Test
    void pairsReadForAnotherCompanyAreDroppedNotKept() {
        ahead.start(COMPANY, () -> Optional.of(pairsOf(COMPANY)));
        assertEquals(Optional.empty(), ahead.take(COMPANY + 1, WAIT, ""));
        assertEquals(Optional.empty(), ahead.take(COMPANY, WAIT, ""), "dropped when another company asked");
    }

    @Test
    void aFailedReadLeavesTheDetectionToReadThePairsItself() {
        ahead.start(COMPANY, () -> {
            throw new SQLException("injected", "HY000");
        });
        assertEquals(Optional.empty(), ahead.take(COMPANY, WAIT, ""));
    }

    @Test
    void aReadSlowerThanTheWaitIsNotWaitedForTwice() {
        CountDownLatch gate = new CountDownLatch(1);
        ahead.start(COMPANY, () -> {
            gate.await(10, TimeUnit.SECONDS);
            return Optional.of(pairsOf(COMPANY));
        });
        try {
            assertEquals(Optional.empty(), ahead.take(COMPANY, Duration.ofMillis(100), ""));
        } finally {
            gate.countDown();
        }
    }

    @Test
    void startingAnotherReadWaitsForTheOneInFlightAndDropsIt() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean firstEnded = new AtomicBoolean();
        ahead.start(COMPANY, () -> {
            gate.await(10, TimeUnit.SECONDS);
            firstEnded.set(true);
            return Optional.of(pairsOf(COMPANY));
        });
        executor.submit(() -> {
            Thread.sleep(200);
            gate.countDown();
            return null;
        });
        ahead.start(COMPANY + 1, () -> Optional.of(pairsOf(COMPANY + 1)));
        assertTrue(firstEnded.get(), "the read in flight ended before the next one started");
        assertEquals(COMPANY + 1, ahead.take(COMPANY + 1, WAIT, "").orElseThrow().companyId());
    }
}
