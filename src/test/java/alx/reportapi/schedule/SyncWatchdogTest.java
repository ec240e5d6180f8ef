package alx.reportapi.schedule;

import alx.reportapi.db.Database;
import alx.reportapi.db.TablePrefix;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The watchdog's patrol is a container timer's callback: if it throws twice in a row, Payara
 * expunges the schedule (its log says "EJB5119: Expunging timer"), and no run is watched again
 * until the application is redeployed. A database outage must therefore not escape a patrol.
 */
class SyncWatchdogTest {

    private final AtomicInteger connectionsAsked = new AtomicInteger();
    private final Instant started = Instant.now();

    @Test
    void aPatrolThatCannotReachTheDatabaseReturnsAndStillChecksEveryRun() {
        SyncWatchdog watchdog = watchdogOverAnUnreachableDatabase(run(7));
        assertDoesNotThrow(() -> watchdog.patrol(started.plusSeconds(60), Duration.ofSeconds(1)));
        int askedForOneRun = connectionsAsked.getAndSet(0);

        SyncWatchdog twoRuns = watchdogOverAnUnreachableDatabase(run(7), run(8));
        assertDoesNotThrow(() -> twoRuns.patrol(started.plusSeconds(60), Duration.ofSeconds(1)));
        assertEquals(2 * askedForOneRun, connectionsAsked.get(),
                "the second run's lock was looked at after the first one's check failed");
    }

    private RunSnapshot run(long executionId) {
        return new RunSnapshot(executionId, "node-a", "timer", started, Duration.ofHours(1), 0, 0, 0, 0);
    }

    private SyncWatchdog watchdogOverAnUnreachableDatabase(RunSnapshot... runs) {
        DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        connectionsAsked.incrementAndGet();
                        throw new SQLTransientConnectionException("Connection is not available, request timed out"
                                + " after 10000ms");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        SyncLock lock = new SyncLock(new Database(unreachable, new TablePrefix(TablePrefix.DEFAULT)),
                SyncLock.DEFAULT_STALE_SECONDS);
        SyncWatchdog watchdog = new SyncWatchdog();
        watchdog.syncLocks = new SyncLocks() {
            @Override
            public SyncLock lock() {
                return lock;
            }
        };
        watchdog.runningSyncs = new RunningSyncs() {
            @Override
            public List<RunSnapshot> all() {
                return List.of(runs);
            }
        };
        return watchdog;
    }
}
