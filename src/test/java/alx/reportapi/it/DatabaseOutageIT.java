package alx.reportapi.it;

import alx.reportapi.db.NetworkBound;
import alx.reportapi.testing.FaultProxy;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database outage under a running sync: one Payara Micro node reaches MariaDB through a
 * {@link FaultProxy} that cuts its connections mid-statement and refuses new ones, or goes silent
 * without closing anything. The run ends failed with a clear message, readiness says the database
 * is down and then up again, the pool recovers by itself, the lock is freed without an operator,
 * and the next run makes the table equal the oracle (so no cursor passed changes it had not synced).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIT {

    private static final String TOKEN = "database-outage-it-token";
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** Enough budget for the run to be mid-write when the network goes silent (README, Behavior 8). */
    private static final Duration SILENT_RUN_BUDGET = Duration.ofSeconds(90);
    /**
     * From the run's first failed statement to its end in an outage: its retry, the recording of its
     * company's failure, the count of companies left, the lock's release and the run log, each
     * waiting the pool's connection timeout (10 s) once: about 50 s, plus the load. Within the
     * watchdog's grace, so that the run ends by itself.
     */
    private static final Duration CLOSING_IN_AN_OUTAGE = Duration.ofSeconds(120);

    private static TestDatabase database;
    private static FaultProxy proxy;
    private static PayaraMicroNode node;

    @BeforeAll
    static void startNodeBehindTheProxy() throws Exception {
        database = TestDatabase.create("outage");
        GeneratedMoodle.load(database.database(), 31, 0.4);
        proxy = FaultProxy.toTestDatabase();
        node = new PayaraMicroNode("outage-node", database, TOKEN,
                Map.of("ALX_DB_URL", proxy.proxiedUrl(database.url()))).start();
        long first = node.post("api/sync/runs").statusCode() == 202 ? latestExecution() : -1;
        assertTrue(first >= 0, "the first run started");
        assertEquals("completed", node.awaitRun(first, Duration.ofMinutes(3)).getString("outcome"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void connectionsCutMidRunAndRefusedEndTheRunFailedAndEverythingRecoversWithoutAnOperator() throws Exception {
        new MoodleChanges(database.database(), 5).apply(120);
        long run = startLongRun();

        proxy.mode(FaultProxy.Mode.REFUSE);
        assertTrue(proxy.cutAll() > 0, "connections were open mid-run");
        JsonObject down = awaitReadiness(503, Duration.ofSeconds(30));
        assertTrue(down.toString().contains("unreachable"), down.toString());
        // Down until the run has given up: its retry, the recording of its company's failure, the
        // lock's release and the run log each wait the pool's connection timeout.
        node.awaitLog("[execution " + run + "] failed", CLOSING_IN_AN_OUTAGE);

        proxy.mode(FaultProxy.Mode.PASS);
        awaitRecovery(run);
    }

    /**
     * The statement in flight waits at most the run's statement timeout (what is left of its budget)
     * plus {@link NetworkBound#MARGIN}; then the run's retry, the lock's release and the run log
     * each wait the pool's connection timeout once, and the run ends failed. Without the bound
     * the statement waited for as long as the operating system kept the socket (over six minutes).
     */
    @Test
    @Order(2)
    void aDatabaseGoneSilentMidRunEndsTheRunFailedWithinItsBoundAndEverythingRecoversWithoutAnOperator()
            throws Exception {
        // A short budget keeps the run's statement timeouts, and so the bound, short.
        assertEquals(200, node.put("api/settings/max_sync_time", "{\"value\": " + SILENT_RUN_BUDGET.toSeconds()
                + "}").statusCode());
        new MoodleChanges(database.database(), 6).apply(120);
        long run = startLongRun();

        Instant stalled = Instant.now();
        proxy.mode(FaultProxy.Mode.STALL);
        Duration bound = SILENT_RUN_BUDGET.plus(NetworkBound.MARGIN).plus(CLOSING_IN_AN_OUTAGE);
        node.awaitLog("[execution " + run + "] failed", bound);
        Duration took = Duration.between(stalled, Instant.now());
        String failed = node.logSinceStart().lines().filter(line -> line.contains("[execution " + run + "] failed"))
                .findFirst().orElseThrow();
        assertTrue(failed.contains("lost connection") || failed.contains("Communications link failure")
                || failed.contains("Connection is not available"),
                "the message names the lost connection: " + failed);
        awaitReadiness(503, Duration.ofSeconds(30));

        proxy.mode(FaultProxy.Mode.PASS);
        awaitReadiness(200, RECOVERY);
        assertEquals(200, node.put("api/settings/max_sync_time", "{\"value\": 300}").statusCode());
        awaitRecovery(run);
        System.out.println("silent database: run " + run + " ended failed " + took.toSeconds() + " s after the stall"
                + " (bound " + bound.toSeconds() + " s)");
    }

    /**
     * Readiness up again, the run recorded failed, the lock free, the next run right, and every
     * schedule still there (README, Behavior 12).
     */
    private static void awaitRecovery(long failedRun) throws Exception {
        // Payara drops a schedule whose callback failed twice in a row, and says so in this line;
        // the sync timer's own timers are cancelled when the settings change, not dropped.
        String dropped = node.logSinceStart().lines().filter(line -> line.contains("Expunging timer")
                && !line.contains("TimedObject = SyncTimer")).findFirst().orElse("");
        assertEquals("", dropped, "the outage made the server drop a schedule");
        JsonObject up = awaitReadiness(200, RECOVERY);
        assertTrue(up.toString().contains("reachable"), up.toString());

        JsonObject ended = node.awaitRun(failedRun, RECOVERY);
        assertEquals("failed", ended.getString("outcome"), ended.toString());
        String message = ended.getString("message");
        assertTrue(message.contains("ommunications link failure") || message.contains("database")
                || message.contains("connection"), "a message that names the database: " + message);

        awaitFreeLock(RECOVERY);
        HttpResponse<String> next = node.post("api/sync/runs");
        assertEquals(202, next.statusCode(), next.body());
        long nextRun = Json.createReader(new StringReader(next.body())).readObject().getJsonNumber("executionId")
                .longValue();
        JsonObject completed = node.awaitRun(nextRun, Duration.ofMinutes(3));
        assertEquals("completed", completed.getString("outcome"), completed.toString());
        assertEquals("", ReportingOracle.differences(database.database()));
    }

    /** Forces full passes in small chunks, so that the run is mid-write when the fault comes. */
    private static long startLongRun() throws Exception {
        execute("UPDATE mdl_local_alx_api_company_sync SET last_success_at = 0, pass_started_at = 0, pass_rows = 0");
        assertEquals(200, node.put("api/settings/batch_size", "{\"value\": 100}").statusCode());
        HttpResponse<String> started = node.post("api/sync/runs");
        assertEquals(202, started.statusCode(), started.body());
        long id = Json.createReader(new StringReader(started.body())).readObject().getJsonNumber("executionId")
                .longValue();
        awaitTrue(() -> count("SELECT COALESCE(SUM(pass_rows), 0) FROM mdl_local_alx_api_company_sync") >= 200,
                Duration.ofMinutes(1), "the run wrote its first pages");
        return id;
    }

    private static JsonObject awaitReadiness(int status, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = node.getAtServerRoot("health/ready");
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == status) {
                    return Json.createReader(new StringReader(response.body())).readObject();
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("readiness did not answer " + status + " within " + timeout + "; last: " + last);
    }

    private static void awaitFreeLock(Duration timeout) throws Exception {
        awaitTrue(() -> {
            HttpResponse<String> lock = node.get("api/sync/lock");
            return lock.statusCode() == 200 && Json.createReader(new StringReader(lock.body())).readObject()
                    .getString("description").equals("free");
        }, timeout, "the lock was freed without an operator");
    }

    private static long latestExecution() throws SQLException {
        return count("SELECT execution_id FROM mdl_local_alx_api_sync_runs ORDER BY id DESC LIMIT 1");
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

    private static void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.executeUpdate(sql);
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
