package alx.reportapi.lock;

import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight threads, each its own node, try to take the lock 500 times on MariaDB. An overlap
 * detector counts holders: there must never be two at once, and no deadlock may escape the
 * retries.
 */
class SyncLockConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ATTEMPTS = 500;

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubset("lockrace");

    @Test
    void eightThreadsNeverHoldTheLockAtOnce() throws Exception {
        SyncLock lock = new SyncLock(mariaDb.database(), SyncLock.DEFAULT_STALE_SECONDS);
        AtomicInteger holders = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            String node = "node-" + thread;
            workers.add(pool.submit(() -> {
                for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                    LockHolder me = new LockHolder(node, "incarnation", attempt);
                    if (lock.take(me) instanceof TakeResult.Taken) {
                        if (holders.incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        taken.incrementAndGet();
                        holders.decrementAndGet();
                        if (!lock.release(me)) {
                            throw new AssertionError(me.describe() + " could not release its own lock");
                        }
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the threads finished in time");
        for (Future<?> worker : workers) {
            worker.get();
        }
        assertEquals(0, overlaps.get(), "two holders at once");
        // Most attempts find it held; what matters is that it keeps changing hands, never sticks.
        assertTrue(taken.get() > THREADS * 10, "the lock changed hands " + taken.get() + " times");
        assertTrue(lock.state().isEmpty(), "every holder released");
    }
}
