package alx.reportapi.it;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static alx.reportapi.it.ScrapedMetrics.growth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report API on a real server, which proves what only a server can: the JPA unit (EclipseLink)
 * persists tokens and the request log there, tokens come from the operations API, and the v2
 * resources answer over HTTP. Tenancy, paging under writes and rate limits are covered without a
 * server by ReportApiMariaDbTest.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@RunAsClient
class ReportApiIT {

    private static final String OPS_TOKEN = "it-report-ops-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static TestDatabase database;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("reportapi");
        GeneratedMoodle.load(database.database(), 17, 0.01);
        return Deployments.builtWar(database, Map.of("ALX_OPS_TOKEN", OPS_TOKEN));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aTokenIssuedByTheOperationsApiPagesItsCompanysSnapshotUntilRevoked() throws Exception {
        Map<String, Double> before = ScrapedMetrics.of(base);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (int user = 1; user <= 25; user++) {
                for (int company = 1; company <= 2; company++) {
                    statement.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, email,"
                            + " last_updated, timecreated) VALUES (" + user + ", " + company + ", 5, 'u@c" + company
                            + "', 100, 100)");
                }
            }
        }
        HttpResponse<String> issued = send(HttpRequest.newBuilder(uri("api/report-tokens"))
                .header("Authorization", "Bearer " + OPS_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"companyId\": 1, \"label\": \"Power BI\","
                        + " \"expiresAt\": null}")));
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject created = json(issued.body());
        String token = created.getString("token");

        Set<Integer> users = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            String query = "page_size=10" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8));
            HttpResponse<String> page = send(HttpRequest.newBuilder(uri("api/v2/reports/course-progress?" + query))
                    .header("Authorization", "Bearer " + token).GET());
            assertEquals(200, page.statusCode(), page.body());
            JsonObject body = json(page.body());
            body.getJsonArray("data").forEach(row -> {
                assertEquals("u@c1", row.asJsonObject().getString("email"));
                assertTrue(users.add(row.asJsonObject().getInt("userid")));
            });
            cursor = body.isNull("next_cursor") ? null : body.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(25, users.size());
        assertEquals(3, pages);

        HttpResponse<String> whoami = send(HttpRequest.newBuilder(uri("api/v2/reports/whoami?api_key="
                + URLEncoder.encode(token, StandardCharsets.UTF_8))).GET());
        assertEquals(1, json(whoami.body()).getInt("company_id"));

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(uri("api/report-tokens/" + created.getInt("id")))
                .header("Authorization", "Bearer " + OPS_TOKEN).DELETE());
        assertEquals(200, revoked.statusCode(), revoked.body());
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("api/v2/reports/whoami"))
                .header("Authorization", "Bearer " + token).GET());
        assertEquals(401, refused.statusCode());
        assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
        assertEquals("invalid_token", json(refused.body()).getString("errorcode"));

        awaitLogged("companyid IS NULL", 1);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(rows_returned) FROM"
                     + " mdl_local_alx_api_request_log WHERE companyid = 1")) {
            assertTrue(rs.next());
            assertEquals(4, rs.getInt(1), "three pages and whoami; the revoked token names no company");
            assertEquals(25, rs.getInt(2));
        }

        Map<String, Double> after = ScrapedMetrics.of(base);
        assertEquals(3.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"snapshot\",outcome=\"2xx\"}"));
        assertEquals(25.0, growth(before, after, "alx_report_api_rows_served_total{endpoint=\"snapshot\"}"));
        assertEquals(3.0, growth(before, after, "alx_report_api_request_duration_seconds_count{endpoint=\"snapshot\"}"));
        assertEquals(1.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"whoami\",outcome=\"2xx\"}"));
        assertEquals(1.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"whoami\",outcome=\"4xx\"}"),
                "the revoked token's refusal");
        assertEquals(1.0, growth(before, after, "alx_report_api_errors_total{endpoint=\"whoami\","
                + "errorcode=\"invalid_token\"}"));
    }

    /** A token over its per-minute limit is answered 429, and the refusal is counted as such. */
    @Test
    void aRefusalForTheRateIsCountedByItsLimit() throws Exception {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(uri("api/report-tokens"))
                .header("Authorization", "Bearer " + OPS_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"companyId\": 2, \"label\": \"throttled\","
                        + " \"expiresAt\": null}")));
        assertEquals(201, issued.statusCode(), issued.body());
        String token = json(issued.body()).getString("token");
        Map<String, Double> before = ScrapedMetrics.of(base);
        int refused = 0;
        try {
            database.execute("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api',"
                    + " 'token_rate_limit_per_minute', '1')");
            // Three requests at a limit of one a minute span at most one minute's turn: one at least is refused.
            for (int request = 0; request < 3; request++) {
                HttpResponse<String> whoami = send(HttpRequest.newBuilder(uri("api/v2/reports/whoami"))
                        .header("Authorization", "Bearer " + token).GET());
                if (whoami.statusCode() == 429) {
                    assertTrue(whoami.headers().firstValue("Retry-After").isPresent());
                    refused++;
                } else {
                    assertEquals(200, whoami.statusCode(), whoami.body());
                }
            }
        } finally {
            database.execute("DELETE FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api'"
                    + " AND name = 'token_rate_limit_per_minute'");
        }
        assertTrue(refused >= 1, "at most two of three requests fit a limit of one a minute");
        awaitLogged("companyid = 2", 3);
        Map<String, Double> after = ScrapedMetrics.of(base);
        assertEquals(refused, growth(before, after, "alx_report_api_rate_limited_total{endpoint=\"whoami\","
                + "limit=\"per_minute\"}"));
        assertEquals(refused, growth(before, after, "alx_report_api_requests_total{endpoint=\"whoami\","
                + "outcome=\"429\"}"));
        assertEquals(3 - refused, growth(before, after, "alx_report_api_requests_total{endpoint=\"whoami\","
                + "outcome=\"2xx\"}"));
        assertEquals(0.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"whoami\","
                + "outcome=\"4xx\"}"));
    }

    /**
     * Waits up to 10 s for {@code expected} request log entries matching {@code condition}: the
     * servlet logs a request after its answer is sent, and after it counted it in the metrics.
     */
    private static void awaitLogged(String condition, int expected) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        while (true) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM mdl_local_alx_api_request_log WHERE "
                         + condition)) {
                rs.next();
                if (rs.getInt(1) >= expected || java.time.Instant.now().isAfter(deadline)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base.toExternalForm().replaceAll("/$", "") + "/" + path);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
