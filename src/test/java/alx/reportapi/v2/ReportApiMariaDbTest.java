package alx.reportapi.v2;

import alx.reportapi.db.Database;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.IssuedToken;
import alx.reportapi.report.ReportPersistence;
import alx.reportapi.report.ReportTokens;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.SigningKey;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report API on MariaDB without a server: tenancy for every resource and parameter, the
 * snapshot while the table is rewritten, snapshot plus changes equal to the table, rate limits
 * under parallel requests, and bad input refused with its error code.
 */
class ReportApiMariaDbTest {

    private static final long SETTLE_SECONDS = 2;
    private static TestDatabase testDatabase;
    private static Database database;
    private static ReportPersistence persistence;
    private static ReportTokens tokens;
    private static ReportApi api;
    private static String tokenA;
    private static String tokenB;

    @BeforeAll
    static void site() throws SQLException {
        testDatabase = TestDatabase.create("reportv2");
        database = testDatabase.database();
        TestSchemas.moodleSubsetAndPluginTables(database);
        testDatabase.execute("INSERT INTO mdl_company (id, name, shortname) VALUES (1, 'Alpha', 'a'), (2, 'Beta', 'b')");
        persistence = new ReportPersistence(database);
        tokens = new ReportTokens(database, persistence);
        api = new ReportApi(database, tokens, SigningKey.of(database), new ReportZone(ZoneOffset.UTC), SETTLE_SECONDS);
        tokenA = tokens.issue(1, "A", null, "test", now()).secretText();
        tokenB = tokens.issue(2, "B", null, "test", now()).secretText();
    }

    @AfterAll
    static void drop() {
        persistence.close();
        testDatabase.close();
    }

    @BeforeEach
    void rows() throws SQLException {
        testDatabase.execute("DELETE FROM mdl_local_alx_api_reporting");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_rate_counters");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_report_settings");
        new SettingsStore(database).save("rate_limit", "0");
        new SettingsStore(database).save("token_rate_limit_per_minute", "0");
        // Both companies have the same users and courses: only the company tells their rows apart.
        for (long company = 1; company <= 2; company++) {
            for (long user = 1; user <= 12; user++) {
                for (long course = 1; course <= 3; course++) {
                    insertRow(company, user, course, 100, 0);
                }
            }
        }
    }

    @Test
    void aTokenOfOneCompanyNeverSeesARowOfAnotherWhateverItSends() throws Exception {
        Map<Long, Set<String>> seen = scan(tokenA, "page_size", "5");
        assertEquals(Set.of(1L), seen.keySet(), "only company 1's rows");
        assertEquals(36, seen.get(1L).size());
        // Company 2's own rows carry the same keys: the scan of B shows them under company 2 only.
        assertEquals(Set.of(2L), scan(tokenB, "page_size", "7").keySet());

        JsonObject firstOfB = ok(call(tokenB, "course-progress", "page_size", "2"));
        String cursorOfB = firstOfB.getString("next_cursor");
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress", "page_size", "2", "cursor", cursorOfB));
        String watermarkOfB = firstOfB.getString("watermark");
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress/changes", "since", watermarkOfB));
        String cursorOfA = ok(call(tokenA, "course-progress", "page_size", "2")).getString("next_cursor");
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress", "page_size", "2", "cursor",
                tamper(cursorOfA)));
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress", "page_size", "2", "cursor",
                cursorOfA, "course_id", "2"));
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress/changes", "cursor", cursorOfA));

        testDatabase.execute("DELETE FROM mdl_local_alx_api_reporting WHERE companyid = 1 AND courseid = 3");
        JsonArray onlyBsCourse = ok(call(tokenA, "course-progress", "course_id", "3")).getJsonArray("data");
        assertEquals(0, onlyBsCourse.size(), "course 3 now has rows of company 2 only");

        JsonObject whoami = ok(call(tokenA, "whoami"));
        assertEquals(1, whoami.getInt("company_id"));
        assertEquals("Alpha", whoami.getString("company_name"));

        IssuedToken revoked = tokens.issue(1, "revoked", null, "test", now());
        tokens.revoke(revoked.token().id(), now(), "test");
        IssuedToken expiring = tokens.issue(1, "expiring", now() + 1, "test", now());
        testDatabase.execute("UPDATE mdl_local_alx_api_report_tokens SET expires_at = 1000 WHERE id = " + expiring.token().id());
        for (String resource : List.of("course-progress", "course-progress/changes", "whoami")) {
            assertProblem(401, "invalid_token", call(revoked.secretText(), resource));
            assertProblem(401, "token_expired", call(expiring.secretText(), resource));
            assertProblem(401, "invalid_token", call(null, resource));
            assertProblem(401, "invalid_token", call(tamper(tokenA), resource));
        }
        ApiAnswer apiKey = api.answer(new ApiRequest("GET", "whoami", Map.of("api_key", List.of(tokenB)), null,
                "10.0.0.1"), "r");
        assertEquals(2, json(apiKey).getInt("company_id"));
    }

    @Test
    void aSnapshotWhileTheTableIsRewrittenReturnsEveryLiveRowOnceAndItsChangesCatchUpExactly() throws Exception {
        // Rows of users 1-6 stay live throughout; users 7-12 are deleted, revived and changed.
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<Integer> rewrites = writer.submit(() -> {
            int passes = 0;
            while (writing.get() && passes < 2000) {
                passes++;
                testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET last_updated = UNIX_TIMESTAMP(),"
                        + " percentage = MOD(percentage + 7, 100) WHERE companyid = 1 AND userid <= 6");
                testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET is_deleted = 1 - is_deleted,"
                        + " last_updated = UNIX_TIMESTAMP() WHERE companyid = 1 AND userid > 6 AND MOD(userid + "
                        + passes + ", 3) = 0");
                testDatabase.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, firstname, lastname,"
                        + " email, username, coursename, last_updated, timecreated) VALUES (" + (100 + passes)
                        + ", 1, 1, 'N', 'N', 'n@x', 'n', 'C', UNIX_TIMESTAMP(), UNIX_TIMESTAMP())");
            }
            return passes;
        });
        Map<String, JsonObject> snapshot = new LinkedHashMap<>();
        String watermark;
        try {
            String cursor = null;
            int pages = 0;
            do {
                JsonObject page = ok(cursor == null ? call(tokenA, "course-progress", "page_size", "4")
                        : call(tokenA, "course-progress", "page_size", "4", "cursor", cursor));
                for (JsonValue value : page.getJsonArray("data")) {
                    JsonObject row = value.asJsonObject();
                    String key = row.getInt("userid") + "/" + row.getInt("courseid");
                    assertTrue(snapshot.put(key, row) == null, "row " + key + " came twice");
                }
                watermark = page.getString("watermark");
                cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
                pages++;
                Thread.sleep(20);
            } while (cursor != null && pages < 1000);
        } finally {
            writing.set(false);
            assertTrue(rewrites.get(60, TimeUnit.SECONDS) > 0);
            writer.shutdownNow();
        }
        for (long user = 1; user <= 6; user++) {
            for (long course = 1; course <= 3; course++) {
                assertTrue(snapshot.containsKey(user + "/" + course), "live row " + user + "/" + course + " missing");
            }
        }
        // Later source changes: one more deletion and one change, then the feed settles.
        testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET is_deleted = 1, last_updated = UNIX_TIMESTAMP()"
                + " WHERE companyid = 1 AND userid = 1 AND courseid = 1");
        testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET status = 'completed', last_updated = UNIX_TIMESTAMP()"
                + " WHERE companyid = 1 AND userid = 2 AND courseid = 2");
        Thread.sleep((SETTLE_SECONDS + 1) * 1000);
        Map<String, JsonObject> replica = new HashMap<>(snapshot);
        String position = watermark;
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = ok(cursor == null ? call(tokenA, "course-progress/changes", "since", position, "page_size",
                    "50") : call(tokenA, "course-progress/changes", "cursor", cursor, "page_size", "50"));
            for (JsonValue value : page.getJsonArray("changes")) {
                JsonObject change = value.asJsonObject();
                if (change.getString("op").equals("delete")) {
                    JsonObject key = change.getJsonObject("key");
                    replica.remove(key.getInt("userid") + "/" + key.getInt("courseid"));
                } else {
                    JsonObject row = change.getJsonObject("row");
                    replica.put(row.getInt("userid") + "/" + row.getInt("courseid"), row);
                }
            }
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 1000);
        Map<String, String> expected = new TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT userid, courseid, percentage, status FROM"
                     + " mdl_local_alx_api_reporting WHERE companyid = 1 AND is_deleted = 0")) {
            while (rs.next()) {
                expected.put(rs.getLong(1) + "/" + rs.getLong(2), rs.getBigDecimal(3).stripTrailingZeros()
                        .toPlainString() + " " + rs.getString(4));
            }
        }
        Map<String, String> actual = new TreeMap<>();
        replica.forEach((key, row) -> actual.put(key, row.getJsonNumber("percentage").bigDecimalValue()
                .stripTrailingZeros().toPlainString() + " " + row.getString("status")));
        assertEquals(expected, actual);
        assertTrue(!actual.containsKey("1/1") && actual.get("2/2").endsWith("completed"));
    }

    @Test
    void rateLimitsHoldUnderParallelRequestsAndAnswer429WithRetryAfter() throws Exception {
        new SettingsStore(database).save("token_rate_limit_per_minute", "5");
        assertEquals(List.of(5, 7), parallel(tokenA, 12));
        new SettingsStore(database).save("token_rate_limit_per_minute", "0");
        new CompanyReportSettingsStore(database).save(2, Map.of("rate_limit", 3L));
        assertEquals(List.of(3, 9), parallel(tokenB, 12));
        ApiAnswer refused = call(tokenB, "course-progress");
        assertProblem(429, "rate_limited", refused);
        long retryAfter = Long.parseLong(refused.headers().get("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 86_400, "Retry-After " + retryAfter);
        assertEquals(200, call(tokenA, "course-progress").status(), "company 1's quota is its own");
    }

    @Test
    void aReadCountsOnceAgainstTheDailyLimitHoweverManyPagesItTakes() throws Exception {
        new CompanyReportSettingsStore(database).save(1, Map.of("rate_limit", 2L));
        // A refresh in pages of 5: eight pages, all answered, one request of the company's day.
        Map<Long, Set<String>> read = scan(tokenA, "page_size", "5");
        assertEquals(36, read.get(1L).size());
        assertEquals(36, ok(call(tokenA, "course-progress", "page_size", "36")).getJsonArray("data").size());
        assertEquals(List.of(2L), companyRequestsToday(), "two snapshots, two requests of the day");
        assertProblem(429, "rate_limited", call(tokenA, "course-progress", "page_size", "5"));
    }

    @Test
    void badInputGetsItsErrorCodeAndCountsNothing() throws Exception {
        new CompanyReportSettingsStore(database).save(1, Map.of("field_email", 0L));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "page_size", "0"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "page_size", "ten"));
        assertProblem(400, "page_size_too_large", call(tokenA, "course-progress", "page_size", "10001"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "offset", "10"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "course_id", "-1"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "fields", "password"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress", "fields", "email"));
        assertProblem(400, "invalid_cursor", call(tokenA, "course-progress", "cursor", "garbage"));
        assertProblem(400, "invalid_parameter", call(tokenA, "course-progress/changes"));
        assertProblem(404, "not_found", call(tokenA, "course-progress/everything"));
        ApiAnswer post = api.answer(new ApiRequest("POST", "course-progress", Map.of(), "Bearer " + tokenA, "10.0.0.1"),
                "r");
        assertProblem(405, "method_not_allowed", post);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(requests), 0) FROM"
                     + " mdl_local_alx_api_rate_counters WHERE scope = 'company'")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "refused input counts against no quota");
        }
        JsonObject narrowed = ok(call(tokenA, "course-progress", "fields", "status,coursename", "page_size", "1"));
        assertEquals(Set.of("userid", "courseid", "coursename", "status", "timecreated", "last_updated"),
                narrowed.getJsonArray("data").getJsonObject(0).keySet());
        assertTrue(!ok(call(tokenA, "course-progress", "page_size", "1")).getJsonArray("data").getJsonObject(0)
                .containsKey("email"), "a field switched off for the company is never served");
    }

    @Test
    void aWatermarkFromBeforeASettingsChangeOrTheTombstoneHorizonAsksForAResync() throws Exception {
        String watermark = ok(call(tokenA, "course-progress", "page_size", "1")).getString("watermark");
        assertEquals(200, call(tokenA, "course-progress/changes", "since", watermark).status());
        Thread.sleep(1100);
        new CompanyReportSettingsStore(database).save(1, Map.of("course_2", 0L));
        assertProblem(410, "resync_required", call(tokenA, "course-progress/changes", "since", watermark));
        String ancient = SigningKey.of(database).sign("c|1|1000|0|0");
        assertProblem(410, "resync_required", call(tokenA, "course-progress/changes", "since", ancient));
        assertNotEquals(watermark, tamper(watermark));
    }

    private static List<Integer> parallel(String token, int requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<ApiAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> call(token, "course-progress", "page_size", "1")));
            }
            int ok = 0;
            int limited = 0;
            for (Future<ApiAnswer> answer : answers) {
                ApiAnswer done = answer.get(60, TimeUnit.SECONDS);
                if (done.status() == 200) {
                    ok++;
                } else {
                    assertProblem(429, "rate_limited", done);
                    assertTrue(done.headers().containsKey("Retry-After"));
                    limited++;
                }
            }
            return List.of(ok, limited);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The companies' request counts of today's window, company 1 first. */
    private static List<Long> companyRequestsToday() throws SQLException {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT requests FROM mdl_local_alx_api_rate_counters"
                     + " WHERE scope = 'company' ORDER BY scope_id")) {
            while (rs.next()) {
                counts.add(rs.getLong(1));
            }
        }
        return counts;
    }

    private static Map<Long, Set<String>> scan(String token, String... parameters) {
        Map<Long, Set<String>> byCompany = new HashMap<>();
        String cursor = null;
        int pages = 0;
        do {
            List<String> all = new ArrayList<>(List.of(parameters));
            if (cursor != null) {
                all.add("cursor");
                all.add(cursor);
            }
            JsonObject page = ok(call(token, "course-progress", all.toArray(String[]::new)));
            for (JsonValue value : page.getJsonArray("data")) {
                JsonObject row = value.asJsonObject();
                long company = companyOfRow(row);
                assertTrue(byCompany.computeIfAbsent(company, c -> new HashSet<>())
                        .add(row.getInt("userid") + "/" + row.getInt("courseid")), "a row came twice");
            }
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
            pages++;
        } while (cursor != null && pages < 100);
        return byCompany;
    }

    /** Rows carry no company: each company's rows have its own e-mail domain. */
    private static long companyOfRow(JsonObject row) {
        return Long.parseLong(row.getString("email").replaceAll(".*@c(\\d+)\\.example$", "$1"));
    }

    private static ApiAnswer call(String token, String resource, String... parameters) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        return api.answer(new ApiRequest("GET", resource, query, token == null ? null : "Bearer " + token,
                "10.0.0.1"), "request");
    }

    private static JsonObject ok(ApiAnswer answer) {
        assertEquals(200, answer.status(), answer.text());
        assertEquals("application/json", answer.contentType());
        return json(answer);
    }

    private static JsonObject json(ApiAnswer answer) {
        return Json.createReader(new StringReader(answer.text())).readObject();
    }

    private static void assertProblem(int status, String code, ApiAnswer answer) {
        assertEquals(status, answer.status(), answer.text());
        assertEquals("application/problem+json", answer.contentType());
        JsonObject problem = json(answer);
        assertEquals(code, problem.getString("errorcode"), answer.text());
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("detail").length() > 10);
    }

    /**
     * The signed text with its first character changed: six bits of the payload. Not the last one,
     * whose low bits a 43-character signature does not use, so 'A' to 'B' there decodes the same.
     */
    private static String tamper(String text) {
        char first = text.charAt(0);
        return (first == 'A' ? 'B' : 'A') + text.substring(1);
    }

    private static long now() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT UNIX_TIMESTAMP()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertRow(long company, long user, long course, long lastUpdated, int deleted)
            throws SQLException {
        testDatabase.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, firstname, lastname, email,"
                + " username, coursename, percentage, status, last_updated, is_deleted, timecreated, timemodified)"
                + " VALUES (" + user + ", " + company + ", " + course + ", 'F" + user + "', 'L', 'u" + user + "@c"
                + company + ".example', 'u" + user + "', 'Course " + course + "', 10, 'in_progress', " + lastUpdated
                + ", " + deleted + ", 50, 50)");
    }
}
