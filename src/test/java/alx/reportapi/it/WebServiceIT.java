package alx.reportapi.it;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static alx.reportapi.it.ScrapedMetrics.growth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compatible endpoint over HTTP, as a Power BI report built for the PHP plugin calls it: a
 * form POST to {@code webservice/rest/server.php} with a Moodle token, answered with HTTP 200,
 * Moodle's headers and the plugin's bytes; errors with HTTP 200 too. Every call is in the report
 * API's request log and metrics, errors with their Moodle error code. The answers' content is
 * covered field by field by CourseProgressFunctionMariaDbTest; this proves the server's part.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class WebServiceIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String ROW = "[{\"userid\":42,\"firstname\":\"Ana\",\"lastname\":\"Silva\","
            + "\"email\":\"ana@example.com\",\"username\":\"asilva\",\"coursename\":\"Fire Safety\","
            + "\"timecompleted\":\"2025-10-01 14:03:11\",\"timecompleted_unix\":1759327391,"
            + "\"timestarted\":\"2025-09-20 08:00:00\",\"timestarted_unix\":1758355200,\"percentage\":100,"
            + "\"status\":\"completed\"}]";
    private static TestDatabase database;
    private static String token;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("webservice");
        GeneratedMoodle.load(database.database(), 13, 0.01);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT t.token FROM mdl_external_tokens t"
                    + " JOIN mdl_company_users cu ON cu.userid = t.userid AND cu.companyid = 1"
                    + " WHERE (SELECT COUNT(*) FROM mdl_company_users o WHERE o.userid = t.userid) = 1")) {
                rs.next();
                token = rs.getString(1);
            }
        }
        return Deployments.builtWar(database, Map.of("ALX_TIMEZONE", "UTC"));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aFormPostGetsThePluginsBytesAndMoodlesHeaders() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, firstname,"
                    + " lastname, email, username, coursename, timecompleted, timestarted, percentage, status,"
                    + " last_updated, is_deleted, timecreated, timemodified) VALUES (42, 1, 7, 'Ana', 'Silva',"
                    + " 'ana@example.com', 'asilva', 'Fire Safety', 1759327391, 1758355200, 100, 'completed', 1000, 0,"
                    + " 1000, 1000) ON DUPLICATE KEY UPDATE last_updated = 1000");
        }
        Map<String, Double> before = ScrapedMetrics.of(base);
        long logged = lastLogged();
        HttpResponse<String> page = post("wstoken=" + token
                + "&wsfunction=local_alx_report_api_get_course_progress&moodlewsrestformat=json&limit=10&offset=0");
        assertEquals(200, page.statusCode());
        assertEquals(ROW, page.body());
        assertEquals("application/json", page.headers().firstValue("Content-Type").orElse(""));
        assertEquals("*", page.headers().firstValue("Access-Control-Allow-Origin").orElse(""));

        HttpResponse<String> xml = post("wstoken=" + token + "&wsfunction=local_alx_report_api_get_course_progress"
                + "&offset=1");
        assertEquals(200, xml.statusCode());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<MULTIPLE>\n</MULTIPLE>\n</RESPONSE>\n",
                xml.body());
        assertEquals("application/xml; charset=utf-8",
                xml.headers().firstValue("Content-Type").orElse("").toLowerCase());

        assertEquals(List.of("200 - rows 1 company 1", "200 - rows 0 company 1"),
                loggedAfter(logged, 2), "the compatible endpoint's successes in the request log");
        Map<String, Double> after = ScrapedMetrics.of(base);
        assertEquals(2.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"compat\",outcome=\"2xx\"}"));
        assertEquals(1.0, growth(before, after, "alx_report_api_rows_served_total{endpoint=\"compat\"}"));
        assertEquals(2.0, growth(before, after, "alx_report_api_request_duration_seconds_count{endpoint=\"compat\"}"));
    }

    @Test
    void errorsAreHttp200AndAGetIsRefusedByDefault() throws Exception {
        Map<String, Double> before = ScrapedMetrics.of(base);
        long logged = lastLogged();
        HttpResponse<String> badToken = post("wstoken=nope&wsfunction=local_alx_report_api_get_course_progress"
                + "&moodlewsrestformat=json");
        assertEquals(200, badToken.statusCode());
        assertEquals("{\"exception\":\"moodle_exception\",\"errorcode\":\"invalidtoken\","
                + "\"message\":\"Invalid token - token not found\"}", badToken.body());

        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(endpoint("?wstoken=" + token
                + "&wsfunction=local_alx_report_api_get_course_progress&moodlewsrestformat=json"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, get.statusCode());
        assertEquals("{\"exception\":\"moodle_exception\",\"errorcode\":\"invalidrequestmethod\","
                + "\"message\":\"Only POST method is allowed for security reasons\"}", get.body());

        // A JSON body is not read, as Moodle does not read it: the token is missing.
        HttpResponse<String> jsonBody = HTTP.send(HttpRequest.newBuilder(endpoint("?moodlewsrestformat=json"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"wstoken\":\"" + token + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"exception\":\"moodle_exception\",\"errorcode\":\"invalidtoken\","
                + "\"message\":\"Invalid token - token not found\"}", jsonBody.body());

        assertEquals(List.of("200 invalidtoken rows 0 company null", "200 invalidrequestmethod rows 0 company 1",
                "200 invalidtoken rows 0 company null"), loggedAfter(logged, 3),
                "the compatible endpoint's errors in the request log, the company once the token names it");
        Map<String, Double> after = ScrapedMetrics.of(base);
        assertEquals(3.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"compat\",outcome=\"4xx\"}"));
        assertEquals(0.0, growth(before, after, "alx_report_api_requests_total{endpoint=\"compat\",outcome=\"2xx\"}"));
        assertEquals(2.0, growth(before, after, "alx_report_api_errors_total{endpoint=\"compat\","
                + "errorcode=\"invalidtoken\"}"));
        assertEquals(1.0, growth(before, after, "alx_report_api_errors_total{endpoint=\"compat\","
                + "errorcode=\"invalidrequestmethod\"}"));
    }

    /** The company's daily quota used up answers ratelimitexceeded, which the metrics class as a 429. */
    @Test
    void aCallOverTheDailyQuotaIsCountedAsRateLimited() throws Exception {
        Map<String, Double> before = ScrapedMetrics.of(base);
        long logged = lastLogged();
        int refused = 0;
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api',"
                    + " 'rate_limit', '1')");
            try {
                for (int call = 0; call < 2; call++) {
                    // A client of its own (the Bearer header keys its sync state), whose reads leave the
                    // other tests' client in full mode.
                    String body = HTTP.send(HttpRequest.newBuilder(endpoint("")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("Authorization", "Bearer quota-test-client")
                            .POST(HttpRequest.BodyPublishers.ofString("wstoken=" + token
                                    + "&wsfunction=local_alx_report_api_get_course_progress&moodlewsrestformat=json"
                                    + "&limit=1")).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (body.contains("\"errorcode\":\"ratelimitexceeded\"")) {
                        refused++;
                    }
                }
            } finally {
                statement.execute("DELETE FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api'"
                        + " AND name = 'rate_limit'");
            }
        }
        assertTrue(refused >= 1, "two calls in a day at a daily limit of one");
        loggedAfter(logged, 2);
        Map<String, Double> after = ScrapedMetrics.of(base);
        assertEquals(refused, growth(before, after, "alx_report_api_requests_total{endpoint=\"compat\","
                + "outcome=\"429\"}"));
        assertEquals(refused, growth(before, after, "alx_report_api_rate_limited_total{endpoint=\"compat\","
                + "limit=\"daily\"}"));
    }

    private static long lastLogged() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM mdl_local_alx_api_request_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The compatible endpoint's request log entries after {@code id}, oldest first, once there are
     * {@code expected} of them or 10 s passed. The servlet logs a call after its answer is sent, and
     * after it counted it in the metrics, so a scrape after this sees the calls counted.
     */
    private static List<String> loggedAfter(long id, int expected) throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
        List<String> entries = logged(id);
        while (entries.size() < expected && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            entries = logged(id);
        }
        return entries;
    }

    private static List<String> logged(long id) throws Exception {
        List<String> entries = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT http_status, errorcode, rows_returned, companyid, token_id"
                     + " FROM mdl_local_alx_api_request_log WHERE endpoint = 'webservice/rest/server.php' AND id > "
                     + id + " ORDER BY id")) {
            while (rs.next()) {
                assertEquals(null, rs.getObject(5), "a Moodle token is not a report token");
                entries.add(rs.getInt(1) + " " + (rs.getString(2) == null ? "-" : rs.getString(2)) + " rows "
                        + rs.getInt(3) + " company " + rs.getObject(4));
            }
        }
        return entries;
    }

    private HttpResponse<String> post(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(endpoint("")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI endpoint(String query) {
        return URI.create(base.toExternalForm().replaceAll("/$", "") + "/webservice/rest/server.php" + query);
    }
}
