package alx.reportapi.lock;

import alx.reportapi.db.Transaction;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 001: a sync ran longer than the PHP task's 5-minute lock timeout, a cleanup freed its lock,
 * and the next cron started a second sync beside it. Here a run holds the lock with a heartbeat
 * six minutes old while other nodes' triggers and the stale-lock cleanup fire without pause; none
 * of them may get or free the lock, and the run keeps it to the end.
 */
class Seed001ScenarioTest {

    private static final Duration STORM = Duration.ofSeconds(5);

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubset("seed001");

    @Test
    void aRunLongerThanThePhpTimeoutIsNeverDuplicatedNorFreedByCleanup() throws Exception {
        SyncLock lock = new SyncLock(mariaDb.database(), SyncLock.DEFAULT_STALE_SECONDS);
        LockHolder longRun = new LockHolder("web-1", "incarnation-1", 1);
        assertTrue(lock.take(longRun) instanceof TakeResult.Taken);
        ageHeartbeat(6 * 60);

        AtomicInteger wrongTakes = new AtomicInteger();
        AtomicInteger wrongFrees = new AtomicInteger();
        Instant end = Instant.now().plus(STORM);
        List<Callable<Void>> storm = new ArrayList<>();
        for (int node = 2; node <= 4; node++) {
            LockHolder trigger = new LockHolder("web-" + node, "incarnation-1", 100 + node);
            storm.add(() -> {
                while (Instant.now().isBefore(end)) {
                    if (lock.take(trigger) instanceof TakeResult.Taken) {
                        wrongTakes.incrementAndGet();
                    }
                }
                return null;
            });
        }
        storm.add(() -> {
            while (Instant.now().isBefore(end)) {
                if (lock.releaseIfStale().isPresent()) {
                    wrongFrees.incrementAndGet();
                }
                if (!lock.recoverDeadIncarnations("web-2", "incarnation-2").isEmpty()) {
                    wrongFrees.incrementAndGet();
                }
            }
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(storm.size());
        List<Future<Void>> running = pool.invokeAll(storm, STORM.toSeconds() + 60, TimeUnit.SECONDS);
        pool.shutdown();
        for (Future<Void> future : running) {
            future.get();
        }

        assertEquals(0, wrongTakes.get(), "another trigger started a second sync");
        assertEquals(0, wrongFrees.get(), "cleanup freed a live lock");
        assertEquals(Optional.of(longRun), lock.state().orElseThrow().holder());
        boolean stillHeld = Transaction.run(mariaDb.database(), Transaction.Isolation.READ_COMMITTED, 10,
                session -> lock.fence(session, longRun));
        assertTrue(stillHeld, "the long run's heartbeat still finds its lock");
        assertTrue(lock.release(longRun));
    }

    private void ageHeartbeat(long seconds) throws SQLException {
        try (Connection connection = mariaDb.testDatabase().connect();
             PreparedStatement statement = connection.prepareStatement(mariaDb.database().sql(
                     "UPDATE {config_plugins} SET value = ? WHERE plugin = ? AND name = ?"))) {
            statement.setString(1, "0" + (Instant.now().getEpochSecond() - seconds));
            statement.setString(2, SyncLock.PLUGIN);
            statement.setString(3, SyncLock.LOCK_NAME);
            assertEquals(1, statement.executeUpdate());
        }
    }
}
