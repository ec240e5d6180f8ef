package alx.reportapi.bench;

import alx.reportapi.db.DataSources;
import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseSettings;
import alx.reportapi.db.SchemaMigrator;
import com.zaxxer.hikari.HikariDataSource;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.TakeResult;
import alx.reportapi.testing.TestDatabase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lock on MariaDB over loopback: the median time of one take plus release, and how many takes
 * per second eight contending threads achieve. Three rounds each; medians are what count on a
 * shared machine.
 */
public final class LockBenchmark {

    private static final int ROUNDS = 3;
    private static final int TAKES_PER_ROUND = 1000;
    private static final int THREADS = 8;
    private static final long CONTENTION_MILLIS = 5000;

    private LockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase database = TestDatabase.create("benchlock")) {
            new SchemaMigrator(database.dataSource(), database.database().prefix()).createMoodleSubset();
            // Through the product's own pool, as the server runs it.
            Map<String, String> config = Map.of("ALX_DB_URL", database.url(), "ALX_DB_USER", TestDatabase.user(),
                    "ALX_DB_PASSWORD", TestDatabase.password());
            HikariDataSource pool = DataSources.pool(DatabaseSettings.from(key -> Optional.ofNullable(config.get(key))),
                    THREADS + 1);
            SyncLock lock = new SyncLock(new Database(pool, database.database().prefix()), SyncLock.DEFAULT_STALE_SECONDS);
            double[] medians = new double[ROUNDS];
            double[] throughputs = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                medians[round] = medianTakeAndReleaseMillis(lock);
                throughputs[round] = contendedTakesPerSecond(lock);
                System.out.printf(Locale.ROOT, "round %d: take+release median %.2f ms, %d threads %.1f takes/s%n",
                        round + 1, medians[round], THREADS, throughputs[round]);
            }
            System.out.printf(Locale.ROOT, "BENCH lock_take_release_median_ms %.2f%n", median(medians));
            System.out.printf(Locale.ROOT, "BENCH lock_contended_takes_per_s_8_threads %.1f%n", median(throughputs));
            pool.close();
        }
    }

    private static double medianTakeAndReleaseMillis(SyncLock lock) {
        double[] millis = new double[TAKES_PER_ROUND];
        LockHolder holder = new LockHolder("bench-node", "bench", 1);
        for (int i = 0; i < TAKES_PER_ROUND; i++) {
            long start = System.nanoTime();
            if (!(lock.take(holder) instanceof TakeResult.Taken) || !lock.release(holder)) {
                throw new IllegalStateException("an uncontended take or release failed");
            }
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        return median(millis);
    }

    private static double contendedTakesPerSecond(SyncLock lock) throws Exception {
        AtomicLong takes = new AtomicLong();
        long end = System.currentTimeMillis() + CONTENTION_MILLIS;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int thread = 0; thread < THREADS; thread++) {
            LockHolder holder = new LockHolder("bench-" + thread, "bench", thread + 1);
            workers.add(pool.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    if (lock.take(holder) instanceof TakeResult.Taken) {
                        takes.incrementAndGet();
                        lock.release(holder);
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        if (!pool.awaitTermination(CONTENTION_MILLIS + 60_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("contending threads did not finish");
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return takes.get() * 1000.0 / CONTENTION_MILLIS;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
