package alx.reportapi.it;

import alx.reportapi.testing.ReportingDamage;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real Payara Micro nodes on one MariaDB database (SPEC 3.3, 3.5): timers and run-now
 * requests racing on both never produce two runs at once, a killed node's lock is recovered by
 * that node at once on restart and by the other only once stale, and a server stopped mid-sync
 * frees the lock and records the run as stopped. Each node's log is in {@code target/nodes/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {

    private static final String TOKEN = "multi-node-it-token";
    /** Short for the crash test; production keeps the default of one hour. */
    private static final int STALE_SECONDS = 25;
    private static final Map<String, String> NODE_ENVIRONMENT = Map.of(
            "ALX_LOCK_STALE_SECONDS", Integer.toString(STALE_SECONDS));

    /** A line {@code ShutdownTrace} wrote straight to standard error: the time, then the product's prefix. */
    private static final Pattern SHUTDOWN_TRACE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+Z \\[local_alx_report_api\\] ");

    private static TestDatabase database;
    private static PayaraMicroNode nodeA;
    private static PayaraMicroNode nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = TestDatabase.create("multinode");
        GeneratedMoodle.load(database.database(), 23, 0.4);
        nodeA = new PayaraMicroNode("node-a", database, TOKEN, NODE_ENVIRONMENT);
        nodeB = new PayaraMicroNode("node-b", database, TOKEN, NODE_ENVIRONMENT);
        nodeA.start();
        nodeB.start();
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (PayaraMicroNode node : new PayaraMicroNode[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void timersAndRunNowRequestsOnTwoNodesNeverOverlapAndEverySkipIsRecorded() throws Exception {
        // Both timers fire at every minute's start, on both nodes at once: the harshest race.
        for (PayaraMicroNode node : List.of(nodeA, nodeB)) {
            assertEquals(200, node.put("api/settings/sync_schedule", "{\"value\": \"* *\"}").statusCode());
            assertEquals(200, node.put("api/settings/sync_enabled", "{\"value\": \"1\"}").statusCode());
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        AtomicBoolean timersRaced = new AtomicBoolean();
        // Timer runs of the nodes' start-up are not this race's.
        long lastRunBefore = count("SELECT COALESCE(MAX(id), 0) FROM mdl_local_alx_api_sync_runs");
        Instant end = Instant.now().plus(Duration.ofSeconds(150));
        ExecutorService callers = Executors.newFixedThreadPool(4);
        for (int caller = 0; caller < 4; caller++) {
            PayaraMicroNode node = caller % 2 == 0 ? nodeA : nodeB;
            callers.submit(() -> {
                while (!timersRaced.get() && Instant.now().isBefore(end)) {
                    HttpResponse<String> response = node.post("api/sync/runs");
                    switch (response.statusCode()) {
                        case 202 -> accepted.incrementAndGet();
                        case 409 -> conflicts.incrementAndGet();
                        default -> unexpected.incrementAndGet();
                    }
                    Thread.sleep(250);
                }
                return null;
            });
        }
        callers.shutdown();
        // The callers race on until both nodes' timers have fired at one minute's start and a second
        // run has held the lock, rather than for a fixed time: the first minute's start after the
        // schedule is set is the race sought, but a short run that holds the lock across it leaves
        // both timers refused and only one holding to compare.
        while (!callers.isTerminated()
                && (timerRunNodesAfter(lastRunBefore) < 2 || lockHoldingsAfter(lastRunBefore) < 2)) {
            Thread.sleep(500);
        }
        timersRaced.set(true);
        assertTrue(callers.awaitTermination(5, TimeUnit.MINUTES), "the callers finished");
        awaitNoRunningRun(Duration.ofMinutes(2));

        assertEquals(0, unexpected.get(), "every request got 202 or 409");
        assertTrue(accepted.get() > 0 && conflicts.get() > 0, accepted + " accepted, " + conflicts + " refused");
        LockHoldings held = lockHoldings();
        assertEquals(Optional.empty(), held.firstCertainOverlap(), "no two runs held the lock at once");
        assertTrue(count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE trigger_source = 'timer'") >= 2,
                "the timers fired on both nodes");
        assertTrue(count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE outcome = 'skipped'"
                + " AND message LIKE 'Another sync task is already running%'") >= conflicts.get(),
                "every refused request is in the run log as skipped, with the holder");
        // Off again, so the timers stay out of the crash and shutdown tests.
        for (PayaraMicroNode node : List.of(nodeA, nodeB)) {
            assertEquals(200, node.put("api/settings/sync_enabled", "{\"value\": \"0\"}").statusCode());
        }
    }

    @Test
    @Order(2)
    void aKilledNodesLockIsRecoveredByItselfAtOnceAndByTheOtherOnlyWhenStale() throws Exception {
        long killedRun = startLongRunOn(nodeA);
        nodeA.kill();

        HttpResponse<String> early = nodeB.post("api/sync/runs");
        assertEquals(409, early.statusCode(), "the other node waits for the lock to go stale: " + early.body());
        assertTrue(early.body().contains("node-a"), early.body());

        nodeA = new PayaraMicroNode("node-a", database, TOKEN, NODE_ENVIRONMENT).start();
        // Freed once the dead process's heartbeat has been silent long enough to tell it from a live
        // process of the same name: at start-up if the restart took that long, else at the next beat.
        awaitFreeLock(Duration.ofSeconds(STALE_SECONDS + 30));
        assertEquals("failed", outcomeOf("node-a", killedRun), "the restarted node recorded that run as failed");

        long secondKilled = startLongRunOn(nodeA);
        nodeA.kill();
        // Staleness counts from the dead holder's last heartbeat, which a slow chunk may have
        // written well before the kill: compare the takeover with that heartbeat, not the kill.
        long lastHeartbeat = count("SELECT CAST(value AS SIGNED) FROM mdl_config_plugins"
                + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock'");
        long tookOver = nodeB.awaitAcceptedRun(Duration.ofSeconds(STALE_SECONDS * 4L));
        long takenAt = count("SELECT lock_taken_ms FROM mdl_local_alx_api_sync_runs WHERE node = 'node-b'"
                + " AND execution_id = " + tookOver + " ORDER BY id DESC LIMIT 1") / 1000;
        assertTrue(takenAt - lastHeartbeat >= STALE_SECONDS, "taken over only once stale: heartbeat "
                + lastHeartbeat + ", taken over at " + takenAt);
        JsonObject run = nodeB.awaitRun(tookOver, Duration.ofMinutes(3));
        assertEquals("completed", run.getString("outcome"), run.toString());
        assertEquals("running", outcomeOf("node-a", secondKilled), "node-a is still down: nobody closed its run");

        nodeA = new PayaraMicroNode("node-a", database, TOKEN, NODE_ENVIRONMENT).start();
        assertEquals("failed", outcomeOf("node-a", secondKilled), "node-a closed its dead run at start-up");
        long last = nodeB.awaitAcceptedRun(Duration.ofMinutes(1));
        nodeB.awaitRun(last, Duration.ofMinutes(3));
        assertEquals("", ReportingOracle.differences(database.database()));
    }

    @Test
    @Order(3)
    void aServerStoppedMidSyncFreesTheLockAndRecordsTheRunAsStopped() throws Exception {
        long run = startLongRunOn(nodeB);
        nodeB.signalStop();
        // What shutdown promises is judged as soon as it is done, from the database, not after the
        // whole server has exited: on a loaded machine the rest of a server's shutdown (and the
        // JVM's exit) can take minutes, which is no fault of the sync.
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!("stopped".equals(outcomeOf("node-b", run)) && lockValue().isEmpty())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("within 2 minutes of SIGTERM the run is recorded as stopped and the lock is"
                        + " free; now: " + outcomeOf("node-b", run) + ", lock '" + lockValue() + "'; threads in "
                        + nodeB.dumpThreads("stop"));
            }
            Thread.sleep(200);
        }
        assertTrue(nodeB.awaitExit(Duration.ofMinutes(3)), "node-b exited");
        assertEquals("free", lockDescription());
        // The shutdown's trace on standard error: whichever thread ended the run (the batch runtime
        // stopping its job as the JVM exits, or the application's own stop), its end was written
        // after the JVM began to exit and before the application's connection pool closed.
        List<String> trace = nodeB.logSinceStart().lines().filter(line -> SHUTDOWN_TRACE.matcher(line).find())
                .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
        int exiting = indexOf(trace, "[local_alx_report_api] the JVM is exiting");
        String runPrefix = "[local_alx_report_api] [execution " + run + "] ";
        int ended = Math.max(indexOf(trace, runPrefix + "stopped: "), indexOf(trace, runPrefix + "the run did not end"));
        int poolClosed = indexOf(trace, "[local_alx_report_api] closing the connection pool");
        assertTrue(exiting >= 0 && ended > exiting && (poolClosed < 0 || poolClosed > ended),
                "the shutdown's trace: " + trace);
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        return -1;
    }

    /** How many nodes' timers have started a run or had it skipped since the run log's entry {@code id}. */
    private static long timerRunNodesAfter(long id) throws SQLException {
        return count("SELECT COUNT(DISTINCT node) FROM mdl_local_alx_api_sync_runs WHERE trigger_source = 'timer'"
                + " AND id > " + id);
    }

    private static long lockHoldingsAfter(long id) throws SQLException {
        return count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE lock_taken_ms > 0 AND id > " + id);
    }

    private static String lockValue() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT value FROM mdl_config_plugins"
                     + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock'")) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }

    /**
     * Forces full passes in small chunks so that a run lasts long enough to be interrupted, from a
     * table that differs from the oracle, so that the final check fails if the passes do nothing.
     */
    private static long startLongRunOn(PayaraMicroNode node) throws Exception {
        ReportingDamage.apply(database.database());
        execute("UPDATE mdl_local_alx_api_company_sync SET last_success_at = 0, pass_started_at = 0, pass_rows = 0");
        assertEquals(200, node.put("api/settings/batch_size", "{\"value\": 100}").statusCode());
        long id = node.awaitAcceptedRun(Duration.ofMinutes(1));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (count("SELECT COALESCE(SUM(pass_rows), 0) FROM mdl_local_alx_api_company_sync") < 200) {
            assertTrue(Instant.now().isBefore(deadline), "the run wrote its first pages");
            Thread.sleep(50);
        }
        assertEquals(200, node.put("api/settings/batch_size", "{\"value\": 1000}").statusCode());
        return id;
    }

    private static void awaitNoRunningRun(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        // A run's lock is released just before its outcome is written: wait for both.
        while (count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE outcome = 'running'"
                + " OR (lock_taken_ms > 0 AND lock_released_ms = 0)") > 0) {
            assertTrue(Instant.now().isBefore(deadline), "runs still running after " + timeout);
            Thread.sleep(200);
        }
    }

    /** [taken, released, execution] of every run that held the lock, in order of taking. */
    private static LockHoldings lockHoldings() throws SQLException {
        LockHoldings holdings;
        try (Connection connection = database.connect()) {
            holdings = LockHoldings.read(connection, "mdl_");
        }
        for (LockHoldings.Holding holding : holdings.holdings()) {
            assertTrue(holding.afterRelease() > 0, "run " + holding.executionId() + " released the lock");
        }
        assertTrue(holdings.holdings().size() > 1, "several runs held the lock");
        return holdings;
    }

    private static void awaitFreeLock(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!"free".equals(lockDescription())) {
            assertTrue(Instant.now().isBefore(deadline), "the lock was freed within " + timeout + ": " + lockDescription());
            Thread.sleep(500);
        }
    }

    private static String lockDescription() throws Exception {
        return Json.createReader(new StringReader(nodeA.get("api/sync/lock").body())).readObject()
                .getString("description");
    }

    private static String outcomeOf(String node, long executionId) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT outcome FROM mdl_local_alx_api_sync_runs WHERE node = '"
                     + node + "' AND execution_id = " + executionId + " ORDER BY id DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : "absent";
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
