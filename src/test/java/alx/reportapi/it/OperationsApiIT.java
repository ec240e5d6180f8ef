package alx.reportapi.it;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations API of SPEC 8 from the outside, as cron jobs and scripts use it: access by
 * bearer token, run now and watch, the lock, the settings, and every kind of bad input getting
 * its own 4xx with a JSON message while nothing changes.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsApiIT {

    private static final String TOKEN = "it-ops-token-0123456789";
    private static TestDatabase database;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("opsapi");
        GeneratedMoodle.load(database.database(), 5, 0.05);
        return Deployments.builtWar(database, Map.of("ALX_OPS_TOKEN", TOKEN, "ALX_NODE_NAME", "ops-it-node"));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aMissingTokenIsUnauthenticated() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("api/sync/lock")).GET(), null);
        assertError(401, response);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    @Order(2)
    void aMalformedAuthorizationHeaderIsUnauthenticated() throws Exception {
        assertError(401, send(HttpRequest.newBuilder(uri("api/sync/lock")).GET(), "Basic dXNlcjpwYXNz"));
        assertError(401, send(HttpRequest.newBuilder(uri("api/sync/lock")).GET(), "Bearer two words"));
    }

    @Test
    @Order(3)
    void aWrongTokenIsForbidden() throws Exception {
        assertError(403, send(HttpRequest.newBuilder(uri("api/sync/lock")).GET(), "Bearer not-the-token"));
    }

    @Test
    @Order(4)
    void runNowStartsARunThatCanBeWatchedToItsEnd() throws Exception {
        HttpResponse<String> started = authorized(HttpRequest.newBuilder(uri("api/sync/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        long id = json(started).getJsonNumber("executionId").longValue();

        JsonObject run = awaitOutcome(id);
        assertEquals("completed", run.getString("outcome"), run.toString());
        assertEquals("api", run.getString("trigger"));
        assertEquals("ops-it-node", run.getString("node"));
        assertTrue(run.getJsonNumber("rowsWritten").longValue() > 0);

        JsonArray recent = Json.createReader(new StringReader(authorized(HttpRequest.newBuilder(
                uri("api/sync/runs?limit=5")).GET()).body())).readArray();
        assertEquals(id, recent.getJsonObject(0).getJsonNumber("executionId").longValue());

        JsonObject status = json(authorized(HttpRequest.newBuilder(uri("api/sync/status?sort=name")).GET()));
        assertFalse(status.getJsonObject("lock").getBoolean("held"));
        assertTrue(status.getInt("companiesTotal") > 0);
        assertEquals("synced", status.getJsonArray("companies").getJsonObject(0).getString("state"));
    }

    @Test
    @Order(5)
    void runNowWhileAnotherNodeHoldsTheLockIsAConflictNamingTheHolderAndIsLogged() throws Exception {
        holdLockAsAnotherNode(0);
        try {
            HttpResponse<String> response = authorized(HttpRequest.newBuilder(uri("api/sync/runs"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertError(409, response);
            JsonObject body = json(response);
            assertTrue(body.getString("error").contains("Another sync task is already running"), body.toString());
            assertTrue(body.getString("error").contains("other-node"), body.toString());
            long id = body.getJsonNumber("executionId").longValue();
            assertEquals("skipped", json(authorized(HttpRequest.newBuilder(uri("api/sync/runs/" + id)).GET()))
                    .getString("outcome"));
        } finally {
            freeLockRows();
        }
    }

    @Test
    @Order(6)
    void freeingALiveLockIsRefusedAndAStaleOneIsFreed() throws Exception {
        holdLockAsAnotherNode(0);
        try {
            HttpResponse<String> refused = authorized(HttpRequest.newBuilder(uri("api/sync/lock")).DELETE());
            assertError(409, refused);
            assertTrue(json(refused).getString("error").contains("live"), refused.body());
            assertEquals(2, lockRows(), "a refused release changes nothing");

            holdLockAsAnotherNode(2 * 3600);
            HttpResponse<String> freed = authorized(HttpRequest.newBuilder(uri("api/sync/lock")).DELETE());
            assertEquals(200, freed.statusCode(), freed.body());
            assertTrue(json(freed).getBoolean("freed"));
            assertFalse(json(authorized(HttpRequest.newBuilder(uri("api/sync/lock")).GET())).getBoolean("held"));
        } finally {
            freeLockRows();
        }
    }

    @Test
    @Order(7)
    void anUnknownRunIdIsNotFoundAndAMalformedOneIsABadRequest() throws Exception {
        assertError(404, authorized(HttpRequest.newBuilder(uri("api/sync/runs/987654")).GET()));
        assertError(400, authorized(HttpRequest.newBuilder(uri("api/sync/runs/abc")).GET()));
        assertError(400, authorized(HttpRequest.newBuilder(uri("api/sync/runs/-3")).GET()));
        assertError(404, authorized(HttpRequest.newBuilder(uri("api/sync/runs/987654/stop"))
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    @Test
    @Order(8)
    void stoppingARunThatAlreadyFinishedIsAConflict() throws Exception {
        long id = json(authorized(HttpRequest.newBuilder(uri("api/sync/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()))).getJsonNumber("executionId").longValue();
        awaitOutcome(id);
        HttpResponse<String> response = authorized(HttpRequest.newBuilder(uri("api/sync/runs/" + id + "/stop"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertError(409, response);
        assertTrue(json(response).getString("error").contains("already ended"), response.body());
    }

    @Test
    @Order(9)
    void settingsAreListedWithDefaultRangeAndDescription() throws Exception {
        JsonArray settings = Json.createReader(new StringReader(authorized(HttpRequest.newBuilder(
                uri("api/settings")).GET()).body())).readArray();
        JsonObject maxSyncTime = settings.stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("name").equals("max_sync_time")).findFirst().orElseThrow();
        assertEquals("300", maxSyncTime.getString("defaultValue"));
        assertEquals(60, maxSyncTime.getInt("min"));
        assertEquals(3600, maxSyncTime.getInt("max"));
        assertFalse(maxSyncTime.getString("description").isBlank());
    }

    @Test
    @Order(10)
    void aValidSettingIsStoredAndReturned() throws Exception {
        HttpResponse<String> response = putSetting("max_sync_time", "{\"value\": 600}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(600, json(response).getInt("value"));
        assertEquals("600", storedSetting("max_sync_time"));
    }

    @Test
    @Order(11)
    void invalidSettingValuesAreRefusedAndChangeNothing() throws Exception {
        for (String body : new String[] {"{\"value\": \"abc\"}", "{\"value\": -5}", "{\"value\": 59}",
                "{\"value\": 3601}", "{\"value\": 1e30}", "{\"value\": 99999999999999999999999}",
                "{\"value\": null}", "{\"value\": [1]}", "{}", "{\"value\": 300, \"extra\": 1}"}) {
            HttpResponse<String> response = putSetting("max_sync_time", body);
            assertError(400, response);
            assertEquals("600", storedSetting("max_sync_time"), "after " + body);
        }
        assertError(400, putSetting("no_such_setting", "{\"value\": 1}"));
    }

    @Test
    @Order(12)
    void malformedAndOversizedBodiesAreRefused() throws Exception {
        assertError(400, putSetting("max_sync_time", "{\"value\": "));
        assertError(400, putSetting("max_sync_time", "not json at all"));
        assertError(413, putSetting("max_sync_time", "{\"value\": \"" + "9".repeat(20_000) + "\"}"));
        assertEquals("600", storedSetting("max_sync_time"));
    }

    @Test
    @Order(13)
    void readinessReportsTheDatabaseMigrationsAndLock() throws Exception {
        HttpResponse<String> ready = send(HttpRequest.newBuilder(serverRoot("health/ready")).GET(), null);
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject check = json(ready).getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("name").equals("local_alx_report_api_sync")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"));
        assertEquals("reachable", check.getJsonObject("data").getString("database"));

        holdLockAsAnotherNode(2 * 3600);
        try {
            HttpResponse<String> stale = send(HttpRequest.newBuilder(serverRoot("health/ready")).GET(), null);
            assertEquals(503, stale.statusCode(), "a stale lock makes the node not ready: " + stale.body());
        } finally {
            freeLockRows();
        }
        assertEquals(200, send(HttpRequest.newBuilder(serverRoot("health/live")).GET(), null).statusCode());
    }

    @Test
    @Order(14)
    void metricsCountRunsRowsAndLocksInPrometheusFormat() throws Exception {
        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("metrics")).GET(), null);
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        assertTrue(text.contains("alx_sync_runs_total{outcome=\"completed\"}"), text);
        assertTrue(text.contains("alx_sync_runs_total{outcome=\"skipped\"}"), text);
        assertTrue(text.contains("alx_sync_lock_attempts_total{result=\"acquired\"}"), text);
        assertTrue(text.contains("alx_sync_rows_written_total"), text);
        assertTrue(text.contains("alx_sync_run_duration_seconds_count"), text);
    }

    @Test
    @Order(15)
    void retryingAFailedCompanyPutsItFirstAndOtherRetriesAreRefused() throws Exception {
        assertError(401, send(HttpRequest.newBuilder(uri("api/sync/companies/1/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()), null));
        assertError(404, retry("987654"));
        assertError(400, retry("abc"));
        assertError(409, retry("1"));

        database.execute("UPDATE mdl_local_alx_api_company_sync SET parked = 1, parked_at = 1, retry_count = 4,"
                + " priority = 4, last_error = 'boom' WHERE companyid = 1");
        HttpResponse<String> retried = retry("1");
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(1, json(retried).getInt("companyId"));
        assertEquals("0|0|-1", queueState(1), "parked, retries and priority reset: first on the next run");
        assertError(409, retry("1"));

        long id = json(authorized(HttpRequest.newBuilder(uri("api/sync/runs"))
                .POST(HttpRequest.BodyPublishers.noBody()))).getJsonNumber("executionId").longValue();
        assertEquals("completed", awaitOutcome(id).getString("outcome"));
        assertEquals("0|0|0", queueState(1), "the retried company synced and rejoined the queue");
    }

    private HttpResponse<String> retry(String companyId) throws Exception {
        return authorized(HttpRequest.newBuilder(uri("api/sync/companies/" + companyId + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String queueState(long companyId) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT parked, retry_count, priority FROM mdl_local_alx_api_company_sync WHERE companyid = ?")) {
            query.setLong(1, companyId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getInt(1) + "|" + rs.getInt(2) + "|" + rs.getInt(3);
            }
        }
    }

    /** MicroProfile Health lives outside the WAR's context, where each server puts it. */
    private URI serverRoot(String path) {
        return EveryServer.healthRoot(base).resolve(path);
    }

    private JsonObject awaitOutcome(long id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = authorized(HttpRequest.newBuilder(uri("api/sync/runs/" + id)).GET());
            if (response.statusCode() == 200 && !json(response).getString("outcome").equals("running")) {
                return json(response);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + id + " did not end within 2 minutes");
    }

    private HttpResponse<String> putSetting(String name, String body) throws Exception {
        return authorized(HttpRequest.newBuilder(uri("api/settings/" + name))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> authorized(HttpRequest.Builder request) throws Exception {
        return send(request, "Bearer " + TOKEN);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) throws Exception {
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /** A refusal has the status, a JSON body with that status and a message, and no stack trace. */
    private static void assertError(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                response.headers().toString());
        JsonObject body = json(response);
        assertEquals(status, body.getInt("status"));
        assertFalse(body.getString("error").isBlank());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    /** Writes the lock rows as another node's live (or, with an age, stale) lock. */
    private static void holdLockAsAnotherNode(long ageSeconds) throws SQLException {
        freeLockRows();
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api', ?, ?)")) {
            long heartbeat = Instant.now().getEpochSecond() - ageSeconds;
            insert.setString(1, "sync_task_lock");
            insert.setString(2, Long.toString(heartbeat));
            insert.executeUpdate();
            insert.setString(1, "sync_task_lock_holder");
            insert.setString(2, "other-node|other-incarnation|77|" + heartbeat);
            insert.executeUpdate();
        }
    }

    private static void freeLockRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api'"
                    + " AND name IN ('sync_task_lock', 'sync_task_lock_holder')");
        }
    }

    private static int lockRows() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM mdl_config_plugins"
                     + " WHERE plugin = 'local_alx_report_api' AND name IN ('sync_task_lock', 'sync_task_lock_holder')")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String storedSetting(String name) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT value FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api' AND name = ?")) {
            query.setString(1, name);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
