package alx.reportapi.schedule;

import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.lock.TakeResult;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The watchdog's "no heartbeat for ten minutes" must not fire while a run is busy in one long
 * statement: the heartbeat commits on its own connection, not with the run's transaction.
 */
class LockHeartbeatMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubset("heartbeat");

    private final ThisNode thisNode = new ThisNode("node-a");
    private LockHolder runHolder;
    private SyncWatchdog watchdog;
    private LockHeartbeat heartbeat;
    private RunSnapshot run;

    @BeforeEach
    void setUp() throws SQLException {
        SyncLock lock = new SyncLock(mariaDb.database(), SyncLock.DEFAULT_STALE_SECONDS);
        SyncLocks syncLocks = new SyncLocks() {
            @Override
            public SyncLock lock() {
                return lock;
            }
        };
        runHolder = thisNode.holderFor(41);
        assertInstanceOf(TakeResult.Taken.class, lock.take(runHolder));
        run = new RunSnapshot(41, "node-a", "timer", Instant.now(), Duration.ofHours(1), 0, 0, 0, 0);
        RunningSyncs oneRun = new RunningSyncs() {
            @Override
            public List<RunSnapshot> all() {
                return List.of(run);
            }
        };
        watchdog = new SyncWatchdog();
        watchdog.syncLocks = syncLocks;
        watchdog.runningSyncs = oneRun;
        heartbeat = new LockHeartbeat();
        heartbeat.syncLocks = syncLocks;
        heartbeat.runningSyncs = oneRun;
        heartbeat.thisNode = thisNode;
        heartbeat.control = new SyncControl() {
            @Override
            public boolean endedInThisProcess(LockHolder holder) {
                return false;
            }
        };
    }

    @Test
    void aRunInOneLongStatementKeepsALiveHeartbeatAndTheWatchdogLetsItRun() throws Exception {
        // The run's last chunk committed eleven minutes ago; since then it has been in one statement.
        execute("UPDATE mdl_config_plugins SET value = CONCAT('0', UNIX_TIMESTAMP() - 660)"
                + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock'");
        assertTrue(watchdog.overdueReason(run, Instant.now()).orElse("").startsWith("no heartbeat"),
                "the watchdog would stop a run this silent");
        ExecutorService runThread = Executors.newSingleThreadExecutor();
        try (Connection runConnection = mariaDb.database().connect()) {
            runConnection.setAutoCommit(false);
            Future<?> longStatement = runThread.submit(() -> {
                try (Statement statement = runConnection.createStatement()) {
                    statement.setQueryTimeout(20);
                    statement.execute("SELECT SLEEP(4)");
                }
                return null;
            });
            Thread.sleep(500);
            assertFalse(longStatement.isDone(), "the run is still in its statement");

            heartbeat.beat();

            assertEquals(Optional.empty(), watchdog.overdueReason(run, Instant.now()),
                    "the watchdog sees the heartbeat while the statement runs");
            assertFalse(longStatement.isDone(), "seen before the run's statement ended");
            longStatement.get(30, TimeUnit.SECONDS);
            runConnection.rollback();
        } finally {
            runThread.shutdownNow();
            assertTrue(runThread.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            statement.executeUpdate(sql);
        }
    }
}
