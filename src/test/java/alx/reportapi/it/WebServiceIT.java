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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compatible endpoint over HTTP, as a Power BI report built for the PHP plugin calls it: a
 * form POST to {@code webservice/rest/server.php} with a Moodle token, answered with HTTP 200,
 * Moodle's headers and the plugin's bytes; errors with HTTP 200 too. The answers' content is
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
    }

    @Test
    void errorsAreHttp200AndAGetIsRefusedByDefault() throws Exception {
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
