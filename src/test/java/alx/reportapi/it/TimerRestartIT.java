package alx.reportapi.it;

import alx.reportapi.lock.SyncLock;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Payara Micro node run as the README deploys it (data grid on, one root directory kept across
 * restarts), restarted after a clean stop and after a crash: each time its timer starts the sync on
 * the schedule only, once a slot. On a kept root directory Payara deploys the application twice and
 * recreates timers of the earlier process; those must never start a run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TimerRestartIT {

    private static final String TOKEN = "timer-restart-it-token";
    private static final String NODE = "restarted-node";
    /** A scheduled start is logged within this many seconds of the minute it belongs to. */
    private static final int FIRE_TOLERANCE_SECONDS = 5;

    private static TestDatabase database;
    private static PayaraMicroNode node;

    @BeforeAll
    static void startAndScheduleEveryMinute() throws Exception {
        database = TestDatabase.create("timerrestart");
        GeneratedMoodle.load(database.database(), 3, 0.05);
        node = new PayaraMicroNode(NODE, database, TOKEN, Map.of()).asDeployed().start();
        assertEquals(200, node.put("api/settings/sync_schedule", "{\"value\": \"* *\"}").statusCode());
        assertEquals(200, node.put("api/settings/sync_enabled", "{\"value\": \"1\"}").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void afterACleanRestartOnTheSameRootDirectoryTheTimerFiresOnlyOnItsSchedule() throws Exception {
        assertTrue(node.stopGracefully(Duration.ofSeconds(90)), "the node stopped");
        node.start();
        assertTimerFiresOncePerScheduledMinuteOnly();
    }

    /**
     * Killed (SIGKILL) while a run holds the lock: restarted on the same root directory, the node
     * records that run as failed, takes runs again as soon as the dead process's heartbeat is
     * silent long enough to be told from a live one's, and its timer still fires on schedule only.
     */
    @Test
    @Order(2)
    void afterACrashWhileHoldingTheLockTheNodeRecoversItAndTheTimerFiresOnlyOnItsSchedule() throws Exception {
        long killedRun;
        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            // Holding every queue row keeps the run inside a statement, holding the lock, until the kill.
            try (Statement statement = blocker.createStatement()) {
                statement.setQueryTimeout(10);
                statement.executeQuery("SELECT * FROM mdl_local_alx_api_company_sync FOR UPDATE").close();
            }
            killedRun = node.awaitAcceptedRun(Duration.ofMinutes(2));
            awaitTrue(() -> lockHolder().contains("|" + killedRun + "|"), Duration.ofMinutes(1), "the run holds the lock");
            node.kill();
            blocker.rollback();
        }
        node.start();
        // At once when the restart took longer than the silence that tells a dead process from a
        // live one, as a restart does; within that silence otherwise. A scheduled run may also
        // hold the lock for a few seconds meanwhile.
        long accepted = node.awaitAcceptedRun(Duration.ofSeconds(SyncLock.INCARNATION_SILENCE_SECONDS + 30));
        assertEquals("failed", outcomeOf(killedRun), "the killed run is recorded as failed");
        assertEquals("completed", node.awaitRun(accepted, Duration.ofMinutes(2)).getString("outcome"));
        assertTimerFiresOncePerScheduledMinuteOnly();
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.holds()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within " + timeout);
            Thread.sleep(250);
        }
    }

    private static String lockHolder() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT value FROM mdl_config_plugins"
                     + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock_holder'")) {
            return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
        }
    }

    private static String outcomeOf(long executionId) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT outcome FROM"
                     + " mdl_local_alx_api_sync_runs WHERE node = ? AND execution_id = ? ORDER BY id DESC LIMIT 1")) {
            statement.setString(1, NODE);
            statement.setLong(2, executionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getString(1) : "absent";
            }
        }
    }

    /**
     * Watches from a moment well clear of the last minute boundary's fire until the next boundary
     * has passed by 20 s (past the :15 at which a stray minute-by-minute timer would fire): the
     * only timer run in that window is one at the boundary.
     */
    private static void assertTimerFiresOncePerScheduledMinuteOnly() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        long from = databaseNow();
        while (from % 60 < 2 * FIRE_TOLERANCE_SECONDS) {
            assertTrue(Instant.now().isBefore(deadline), "the database clock stands still");
            Thread.sleep(500);
            from = databaseNow();
        }
        long boundary = (from / 60 + 1) * 60;
        long until = boundary + 20;
        while (databaseNow() < until) {
            assertTrue(Instant.now().isBefore(deadline), "the database clock stands still");
            Thread.sleep(500);
        }
        List<Long> starts = timerRunStartsBetween(from, until);
        List<Long> expected = new ArrayList<>();
        for (long start : starts) {
            assertTrue(start % 60 < FIRE_TOLERANCE_SECONDS, "a timer run started at second " + start % 60
                    + " of its minute, off the '* *' schedule: " + starts);
            expected.add(start / 60);
        }
        assertEquals(List.of(boundary / 60), expected, "one timer run per scheduled minute, none else: " + starts);
    }

    private static List<Long> timerRunStartsBetween(long from, long until) throws SQLException {
        List<Long> starts = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT started_at FROM"
                     + " mdl_local_alx_api_sync_runs WHERE node = ? AND trigger_source = 'timer'"
                     + " AND started_at >= ? AND started_at <= ? ORDER BY started_at")) {
            statement.setString(1, NODE);
            statement.setLong(2, from);
            statement.setLong(3, until);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    starts.add(rs.getLong(1));
                }
            }
        }
        return starts;
    }

    private static long databaseNow() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT UNIX_TIMESTAMP()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
