package alx.reportapi.webservice;

import alx.reportapi.db.Database;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.ReportZone;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compatible web service function on MariaDB, its answers compared byte for byte with fixtures
 * written from the PHP plugin 1.9.0's documented behaviour: the example row, key order, toggles,
 * XML, empty pages, every error a client can provoke with its exception, code and message, the
 * rate limit under parallel calls, and the full/incremental modes.
 */
class CourseProgressFunctionMariaDbTest {

    private static final String FUNCTION = CourseProgressFunction.NAME;
    /** The plugin documentation's example row (UTC). */
    private static final String ANA_JSON = "{\"userid\":42,\"firstname\":\"Ana\",\"lastname\":\"Silva\","
            + "\"email\":\"ana@example.com\",\"username\":\"asilva\",\"coursename\":\"Fire Safety\","
            + "\"timecompleted\":\"2025-10-01 14:03:11\",\"timecompleted_unix\":1759327391,"
            + "\"timestarted\":\"2025-09-20 08:00:00\",\"timestarted_unix\":1758355200,\"percentage\":100,"
            + "\"status\":\"completed\"}";
    private static final String BEN_JSON = "{\"userid\":43,\"firstname\":\"Ben\",\"lastname\":\"O'Neil\\/Ng\","
            + "\"email\":\"ben@example.com\",\"username\":\"bng\",\"coursename\":\"Caf\\u00e9 <Hygiene> & \\\"Safety\\\"\","
            + "\"timecompleted\":\"\",\"timecompleted_unix\":0,\"timestarted\":\"2025-09-21 09:30:00\","
            + "\"timestarted_unix\":1758447000,\"percentage\":37.5,\"status\":\"in_progress\"}";

    private static TestDatabase testDatabase;
    private static Database database;
    private static String companyOneToken;
    private static long companyOneUser;

    @BeforeAll
    static void site() throws SQLException {
        testDatabase = TestDatabase.create("compat");
        database = testDatabase.database();
        GeneratedMoodle.load(database, 11, 0.01);
        TestSchemas.pluginTables(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT t.token, t.userid FROM mdl_external_tokens t"
                     + " JOIN mdl_company_users cu ON cu.userid = t.userid AND cu.companyid = 1"
                     + " WHERE (SELECT COUNT(*) FROM mdl_company_users o WHERE o.userid = t.userid) = 1")) {
            assertTrue(rs.next(), "the generator gives company 1 a token");
            companyOneToken = rs.getString(1);
            companyOneUser = rs.getLong(2);
        }
    }

    @AfterAll
    static void drop() {
        testDatabase.close();
    }

    @BeforeEach
    void rows() throws SQLException {
        testDatabase.execute("DELETE FROM mdl_local_alx_api_reporting");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_report_settings");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_settings");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_rate_counters");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_sync_status");
        testDatabase.execute("DELETE FROM mdl_config_plugins WHERE name IN ('rate_limit', 'allow_get_method', 'max_records')");
        new SettingsStore(database).save("allow_get_method", "0");
        insertRow(1, 42, 7, "Ana", "Silva", "ana@example.com", "asilva", "Fire Safety", 1759327391, 1758355200,
                "100.00", "completed", 1000, 0);
        insertRow(1, 43, 7, "Ben", "O'Neil/Ng", "ben@example.com", "bng", "Café <Hygiene> & \"Safety\"", 0,
                1758447000, "37.50", "in_progress", 1000, 0);
        insertRow(1, 44, 7, "Gone", "User", "gone@example.com", "gone", "Fire Safety", 0, 0, "0.00", "not_started",
                1000, 1);
        insertRow(2, 90, 8, "Other", "Company", "other@example.com", "other", "Secret Course", 0, 0, "0.00",
                "not_started", 1000, 0);
    }

    @Test
    void aPageIsTheBareArrayOfThePluginsKeysInItsOrderAndFormats() {
        assertEquals("[" + ANA_JSON + "," + BEN_JSON + "]", post(Map.of("moodlewsrestformat", "json")));
    }

    @Test
    void xmlIsTheDefaultAndSwitchedOffFieldsAreNullValues() throws SQLException {
        new CompanyReportSettingsStore(database).save(1, Map.of("field_email", 0L));
        String expected = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<MULTIPLE>\n<SINGLE>\n"
                + "<KEY name=\"userid\"><VALUE>42</VALUE>\n</KEY>\n"
                + "<KEY name=\"firstname\"><VALUE>Ana</VALUE>\n</KEY>\n"
                + "<KEY name=\"lastname\"><VALUE>Silva</VALUE>\n</KEY>\n"
                + "<KEY name=\"email\"><VALUE null=\"null\"/>\n</KEY>\n"
                + "<KEY name=\"username\"><VALUE>asilva</VALUE>\n</KEY>\n"
                + "<KEY name=\"coursename\"><VALUE>Fire Safety</VALUE>\n</KEY>\n"
                + "<KEY name=\"timecompleted\"><VALUE>2025-10-01 14:03:11</VALUE>\n</KEY>\n"
                + "<KEY name=\"timecompleted_unix\"><VALUE>1759327391</VALUE>\n</KEY>\n"
                + "<KEY name=\"timestarted\"><VALUE>2025-09-20 08:00:00</VALUE>\n</KEY>\n"
                + "<KEY name=\"timestarted_unix\"><VALUE>1758355200</VALUE>\n</KEY>\n"
                + "<KEY name=\"percentage\"><VALUE>100</VALUE>\n</KEY>\n"
                + "<KEY name=\"status\"><VALUE>completed</VALUE>\n</KEY>\n"
                + "</SINGLE>\n</MULTIPLE>\n</RESPONSE>\n";
        assertEquals(expected, post(Map.of("limit", "1")));
        String ben = post(Map.of("limit", "1", "offset", "1", "moodlewsrestformat", "xml"));
        assertTrue(ben.contains("<KEY name=\"lastname\"><VALUE>O'Neil/Ng</VALUE>\n</KEY>\n"), ben);
        assertTrue(ben.contains("<VALUE>Café &lt;Hygiene&gt; &amp; &quot;Safety&quot;</VALUE>"), ben);
        assertTrue(ben.contains("<KEY name=\"timecompleted\"><VALUE></VALUE>\n</KEY>\n"), ben);
    }

    @Test
    void fieldTogglesOmitKeysAndAllOffGivesEmptyArrays() throws SQLException {
        CompanyReportSettingsStore settings = new CompanyReportSettingsStore(database);
        settings.save(1, Map.of("field_email", 0L, "field_timecompleted", 0L, "field_percentage", 0L));
        assertEquals("[{\"userid\":42,\"firstname\":\"Ana\",\"lastname\":\"Silva\",\"username\":\"asilva\","
                + "\"coursename\":\"Fire Safety\",\"timecompleted_unix\":1759327391,"
                + "\"timestarted\":\"2025-09-20 08:00:00\",\"timestarted_unix\":1758355200,"
                + "\"status\":\"completed\"}]", post(Map.of("moodlewsrestformat", "json", "limit", "1")));
        Map<String, Long> allOff = new LinkedHashMap<>();
        for (var field : alx.reportapi.report.ReportField.values()) {
            allOff.put(field.settingName(), 0L);
        }
        settings.save(1, allOff);
        assertEquals("[[],[]]", post(Map.of("moodlewsrestformat", "json")));
    }

    @Test
    void aCourseSwitchedOffIsLeftOutAndAPageBeyondTheEndIsEmpty() throws SQLException {
        insertRow(1, 45, 9, "Cai", "Lee", "cai@example.com", "clee", "Other Course", 0, 0, "0.00", "not_started",
                1000, 0);
        assertEquals(3, count(post(Map.of("moodlewsrestformat", "json"))));
        new CompanyReportSettingsStore(database).save(1, Map.of("course_9", 0L, "course_7", 1L));
        assertEquals("[" + ANA_JSON + "," + BEN_JSON + "]", post(Map.of("moodlewsrestformat", "json")));
        assertEquals("[]", post(Map.of("moodlewsrestformat", "json", "offset", "2")));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<RESPONSE>\n<MULTIPLE>\n</MULTIPLE>\n</RESPONSE>\n",
                post(Map.of("offset", "5")));
    }

    @Test
    void limitAndOffsetErrorsAreThePluginsCodesAndMessages() {
        assertEquals(json("moodle_exception", "invalidlimit", "local_alx_report_api\\/invalidlimit"),
                post(Map.of("moodlewsrestformat", "json", "limit", "0")));
        assertEquals(json("moodle_exception", "limittoolarge", "Requested limit is too large. Maximum allowed records"
                + " per request is 1000. Please reduce your limit parameter and try again."),
                post(Map.of("moodlewsrestformat", "json", "limit", "1001")));
        assertEquals(json("moodle_exception", "invalidoffset", "local_alx_report_api\\/invalidoffset"),
                post(Map.of("moodlewsrestformat", "json", "offset", "-1")));
        String invalid = json("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected");
        assertEquals(invalid, post(Map.of("moodlewsrestformat", "json", "limit", "ten")));
        assertEquals(invalid, post(Map.of("moodlewsrestformat", "json", "limit", "05")));
        assertEquals(invalid, post(Map.of("moodlewsrestformat", "json", "limit", "")));
        assertEquals(invalid, post(Map.of("moodlewsrestformat", "json", "cursor", "abc")));
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<EXCEPTION class=\"moodle_exception\">\n"
                + "<ERRORCODE>invalidlimit</ERRORCODE>\n<MESSAGE>local_alx_report_api/invalidlimit</MESSAGE>\n"
                + "</EXCEPTION>\n", post(Map.of("limit", "-5")));
    }

    @Test
    void tokensAreCheckedAsMoodleChecksThem() throws SQLException {
        Map<String, String> json = Map.of("moodlewsrestformat", "json");
        String access = json("webservice_access_exception", "accessexception", "Access control exception");
        assertEquals(json("moodle_exception", "invalidtoken", "Invalid token - token not found"),
                answer("POST", "0123456789abcdef0123456789abcdef", FUNCTION, json));
        assertEquals(json("moodle_exception", "invalidtoken", "Invalid token - token not found"),
                answer("POST", null, FUNCTION, json));
        assertEquals(json("dml_missing_record_exception", "invalidrecord",
                "Can't find data record in database table external_functions."),
                answer("POST", companyOneToken, "local_alx_report_api_get_everything", json));
        assertEquals(access, answer("POST", companyOneToken, "core_webservice_get_site_info", json));

        long tokenUser = companyOneUser;
        testDatabase.execute("UPDATE mdl_external_tokens SET validuntil = 1000 WHERE token = '" + companyOneToken + "'");
        assertEquals(access, post(json));
        testDatabase.execute("UPDATE mdl_external_tokens SET validuntil = 0, iprestriction = '10.9.0.0/16'"
                + " WHERE token = '" + companyOneToken + "'");
        assertEquals(access, post(json));
        testDatabase.execute("UPDATE mdl_external_tokens SET iprestriction = '10.1.0.0/16,192.168.1.1-20'"
                + " WHERE token = '" + companyOneToken + "'");
        assertTrue(post(json).startsWith("[{"), "10.1.2.3 is inside 10.1.0.0/16");
        testDatabase.execute("UPDATE mdl_external_tokens SET iprestriction = NULL WHERE token = '" + companyOneToken + "'");
        testDatabase.execute("UPDATE mdl_user SET suspended = 1 WHERE id = " + tokenUser);
        assertEquals(json("moodle_exception", "wsaccessusersuspended",
                "Refused web service access for suspended username: user" + tokenUser), post(json));
        testDatabase.execute("UPDATE mdl_user SET suspended = 0 WHERE id = " + tokenUser);
        testDatabase.execute("UPDATE mdl_external_services SET enabled = 0 WHERE id = 1");
        try {
            assertEquals(access, post(json));
        } finally {
            testDatabase.execute("UPDATE mdl_external_services SET enabled = 1 WHERE id = 1");
        }
        assertTrue(post(json).startsWith("[{"));
    }

    @Test
    void getIsRefusedAfterTheRateLimitCountsItUnlessAllowed() throws SQLException {
        Map<String, String> json = Map.of("moodlewsrestformat", "json");
        assertEquals(json("moodle_exception", "invalidrequestmethod", "Only POST method is allowed for security reasons"),
                answer("GET", companyOneToken, FUNCTION, json));
        assertEquals(1, quotaUsed(1));
        new SettingsStore(database).save("allow_get_method", "1");
        assertEquals("[" + ANA_JSON + "," + BEN_JSON + "]", answer("GET", companyOneToken, FUNCTION, json));
    }

    @Test
    void theDailyLimitHoldsUnderParallelCallsAndRefusalsAreThePluginsError() throws Exception {
        new CompanyReportSettingsStore(database).save(1, Map.of("rate_limit", 5L));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> post(Map.of("moodlewsrestformat", "json"))));
            }
            int served = 0;
            int refused = 0;
            for (Future<String> answer : answers) {
                String body = answer.get(60, TimeUnit.SECONDS);
                if (body.startsWith("[")) {
                    served++;
                } else {
                    assertEquals(json("moodle_exception", "ratelimitexceeded", "Daily rate limit exceeded"), body);
                    refused++;
                }
            }
            assertEquals(5, served);
            assertEquals(15, refused);
        } finally {
            pool.shutdownNow();
        }
        // A company limit above the plugin's TINYINT range is stored and applies.
        new CompanyReportSettingsStore(database).save(1, Map.of("rate_limit", 500L));
        assertTrue(post(Map.of("moodlewsrestformat", "json")).startsWith("[{"));
    }

    @Test
    void autoModeReadsFullThenOnlyRowsChangedSinceTheEmptyPage() throws SQLException {
        Map<String, String> json = Map.of("moodlewsrestformat", "json");
        assertEquals(2, count(post(json)));
        assertEquals("[]", post(Map.of("moodlewsrestformat", "json", "offset", "2")));
        assertEquals("[]", post(json), "nothing changed since the empty page: incremental and empty");
        testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET last_updated = UNIX_TIMESTAMP() + 5, percentage = 50"
                + " WHERE userid = 43");
        String changed = post(json);
        assertEquals(1, count(changed));
        assertTrue(changed.contains("\"userid\":43") && changed.contains("\"percentage\":50"), changed);
        new CompanyReportSettingsStore(database).save(1, Map.of("sync_mode", 2L));
        assertEquals(2, count(post(json)), "always full");
    }

    /**
     * Offset pages walked to the end give exactly the plugin's query's rows in its order, in both
     * modes and with a course switched off, among another company's rows with the same users and
     * tombstones: the page's ids are found apart from its rows, and this is what keeps the two equal.
     */
    @Test
    void offsetPagesWalkTheCompanysRowsInThePluginsOrderInBothModes() throws SQLException {
        testDatabase.execute("DELETE FROM mdl_local_alx_api_reporting");
        for (long user = 1000; user < 1060; user++) {
            for (long course = 7; course <= 9; course++) {
                for (long company = 1; company <= 2; company++) {
                    insertRow(company, user, course, "F", "L", "e@example.com", "u" + user, "Course " + course, 0, 0,
                            "0.00", "not_started", 2000 + (user * 7 + course) % 13, user % 5 == 0 ? 1 : 0);
                }
            }
        }
        new CompanyReportSettingsStore(database).save(1, Map.of("course_8", 0L, "sync_mode", 2L));
        List<String> full = walk();
        assertEquals(pluginOrder("userid, courseid"), full);
        assertEquals(96, full.size(), "48 live users of company 1 in courses 7 and 9");
        // Always incremental, from no watermark (the full walk's empty page set one): every row.
        testDatabase.execute("DELETE FROM mdl_local_alx_api_sync_status");
        new CompanyReportSettingsStore(database).save(1, Map.of("sync_mode", 1L));
        List<String> incremental = walk();
        assertEquals(pluginOrder("last_updated DESC, userid, courseid"), incremental);
        assertTrue(!incremental.equals(full), "the incremental order is not the key order");
    }

    /** Every page at offsets 0, 10, 20, … until an empty one, as "userid/coursename". */
    private static List<String> walk() {
        List<String> keys = new ArrayList<>();
        for (int offset = 0; offset < 1000; offset += 10) {
            var page = jakarta.json.Json.createReader(new java.io.StringReader(post(Map.of("moodlewsrestformat", "json",
                    "limit", "10", "offset", Integer.toString(offset))))).readArray();
            if (page.isEmpty()) {
                break;
            }
            page.forEach(row -> keys.add(row.asJsonObject().getInt("userid") + "/"
                    + row.asJsonObject().getString("coursename")));
        }
        return keys;
    }

    /** The plugin's query for company 1 with course 8 off, in {@code order}, read whole. */
    private static List<String> pluginOrder(String order) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT userid, coursename FROM mdl_local_alx_api_reporting"
                     + " WHERE companyid = 1 AND is_deleted = 0 AND courseid NOT IN (8) ORDER BY " + order)) {
            while (rs.next()) {
                keys.add(rs.getLong(1) + "/" + rs.getString(2));
            }
        }
        return keys;
    }

    @Test
    void aUserInTwoCompaniesOrNoneIsRefusedWithAClearMessage() throws SQLException {
        testDatabase.execute("INSERT INTO mdl_user (id, username, firstname, lastname, email) VALUES (9001, 'twocos', 'T', 'C', 't@x')");
        testDatabase.execute("INSERT INTO mdl_company_users (companyid, userid) VALUES (1, 9001), (2, 9001)");
        testDatabase.execute("INSERT INTO mdl_external_tokens (token, tokentype, userid, externalserviceid, contextid, timecreated)"
                + " VALUES ('aaaabbbbccccddddeeeeffff00001111', 0, 9001, 1, 1, 0)");
        testDatabase.execute("INSERT INTO mdl_user (id, username, firstname, lastname, email) VALUES (9002, 'nocos', 'N', 'C', 'n@x')");
        testDatabase.execute("INSERT INTO mdl_external_tokens (token, tokentype, userid, externalserviceid, contextid, timecreated)"
                + " VALUES ('aaaabbbbccccddddeeeeffff00002222', 0, 9002, 1, 1, 0)");
        Map<String, String> json = Map.of("moodlewsrestformat", "json");
        String two = answer("POST", "aaaabbbbccccddddeeeeffff00001111", FUNCTION, json);
        assertTrue(two.startsWith("{\"exception\":\"moodle_exception\",\"errorcode\":\"multiplecompanies\""), two);
        assertTrue(!two.contains("Secret Course") && !two.contains("Ana"), two);
        assertEquals(json("moodle_exception", "nocompanyassociation", "User is not associated with any company"),
                answer("POST", "aaaabbbbccccddddeeeeffff00002222", FUNCTION, json));
    }

    /** What the request log and the metrics take from an answer: its company, its rows, its error. */
    @Test
    void anAnswerNamesTheTokensCompanyOnceTheTokenIsKnown() {
        CompatAnswer page = call("POST", companyOneToken, FUNCTION, "json", Map.of());
        assertEquals(2, page.rows());
        assertEquals(1L, page.companyId());
        assertEquals(null, page.error());

        CompatAnswer tooLarge = call("POST", companyOneToken, FUNCTION, "json", Map.of("limit", "1000000"));
        assertEquals("limittoolarge", tooLarge.error().errorCode());
        assertEquals(1L, tooLarge.companyId(), "the token was known: the refusal is the company's");
        assertEquals(0, tooLarge.rows());

        CompatAnswer unknown = call("POST", "0123456789abcdef0123456789abcdef", FUNCTION, "json", Map.of());
        assertEquals("invalidtoken", unknown.error().errorCode());
        assertEquals(null, unknown.companyId());
    }

    @Test
    void datesAreWrittenInTheConfiguredZone() {
        String berlin = new CourseProgressFunction(database, new ReportZone(ZoneId.of("Europe/Berlin"))).answer(
                new WebServiceCall("POST", companyOneToken, FUNCTION, "json", Map.of("limit", "1"), "", "10.1.2.3"))
                .body();
        assertTrue(berlin.contains("\"timecompleted\":\"2025-10-01 16:03:11\""), berlin);
    }

    private static String post(Map<String, String> parameters) {
        return answer("POST", companyOneToken, FUNCTION, parameters);
    }

    private static String answer(String method, String token, String function, Map<String, String> parameters) {
        Map<String, String> functionParameters = new LinkedHashMap<>(parameters);
        String format = functionParameters.remove("moodlewsrestformat");
        return call(method, token, function, format, functionParameters).body();
    }

    private static CompatAnswer call(String method, String token, String function, String format,
            Map<String, String> parameters) {
        return new CourseProgressFunction(database, new ReportZone(ZoneOffset.UTC)).answer(
                new WebServiceCall(method, token, function, format, parameters, "", "10.1.2.3"));
    }

    private static String json(String exception, String code, String message) {
        return "{\"exception\":\"" + exception + "\",\"errorcode\":\"" + code + "\",\"message\":\"" + message + "\"}";
    }

    private static int count(String jsonArray) {
        return jsonArray.equals("[]") ? 0 : jsonArray.split("\\},\\{").length;
    }

    private static long quotaUsed(long companyId) throws SQLException {
        return testDatabase.count("SELECT COALESCE(SUM(requests), 0) FROM mdl_local_alx_api_rate_counters"
                + " WHERE scope = 'company' AND scope_id = " + companyId);
    }

    private static void insertRow(long company, long user, long course, String first, String last, String email,
            String username, String coursename, long completed, long started, String percentage, String status,
            long lastUpdated, int deleted) throws SQLException {
        try (Connection connection = database.connect();
             var statement = connection.prepareStatement("INSERT INTO mdl_local_alx_api_reporting (userid, companyid,"
                     + " courseid, firstname, lastname, email, username, coursename, timecompleted, timestarted,"
                     + " percentage, status, last_updated, is_deleted, timecreated, timemodified)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1000, 1000)")) {
            Object[] values = {user, company, course, first, last, email, username, coursename, completed, started,
                new java.math.BigDecimal(percentage), status, lastUpdated, deleted};
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
