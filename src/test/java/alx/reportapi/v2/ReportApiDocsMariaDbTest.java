package alx.reportapi.v2;

import alx.reportapi.db.Database;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.ReportPersistence;
import alx.reportapi.report.ReportTokens;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.SigningKey;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the docs promise, against what the API answers: every answer of every resource, errors
 * included, conforms to the OpenAPI document the product serves (no undocumented key, no missing
 * one, the documented types), and the Power BI M code of docs/REPORT_API.md, read from that file,
 * is replayed request by request until its stop condition, reading the company's whole table.
 */
class ReportApiDocsMariaDbTest {

    private static final Path DOC = Path.of("docs/REPORT_API.md");
    private static TestDatabase testDatabase;
    private static Database database;
    private static ReportPersistence persistence;
    private static ReportApi api;
    private static String token;
    private static JsonObject openApi;

    @BeforeAll
    static void site() throws Exception {
        testDatabase = TestDatabase.create("reportdocs");
        database = testDatabase.database();
        TestSchemas.moodleSubsetAndPluginTables(database);
        testDatabase.execute("INSERT INTO mdl_company (id, name, shortname) VALUES (1, 'Alpha', 'a'), (2, 'Beta', 'b')");
        for (int user = 1; user <= 23450; user += 1) {
            if (user % 500 == 1) {
                StringBuilder values = new StringBuilder();
                for (int u = user; u < user + 500 && u <= 23450; u++) {
                    values.append(u == user ? "" : ",").append("(").append(u).append(", 1, ").append(2 + u % 3)
                            .append(", 'F', 'L', 'e@x', 'u', 'C', ").append(u % 7 == 0 ? 1700000000 : 0)
                            .append(", 1690000000, 55.5, 'in_progress', 100, ").append(u % 50 == 0 ? 1 : 0)
                            .append(", 90, 90)");
                }
                testDatabase.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, firstname, lastname,"
                        + " email, username, coursename, timecompleted, timestarted, percentage, status, last_updated,"
                        + " is_deleted, timecreated, timemodified) VALUES " + values);
            }
        }
        testDatabase.execute("INSERT INTO mdl_local_alx_api_reporting (userid, companyid, courseid, email, last_updated, timecreated)"
                + " VALUES (1, 2, 2, 'other@b', 100, 90)");
        new SettingsStore(database).save("rate_limit", "0");
        persistence = new ReportPersistence(database);
        ReportTokens tokens = new ReportTokens(database, persistence);
        api = new ReportApi(database, tokens, SigningKey.of(database), new ReportZone(ZoneOffset.UTC), 1);
        token = tokens.issue(1, "docs", null, "test", 1).secretText();
        openApi = Json.createReader(new ByteArrayInputStream(ReportApiServlet.openApiDocument())).readObject();
    }

    /** Limits one test sets are not the next one's. */
    @AfterEach
    void clearLimits() throws SQLException {
        testDatabase.execute("DELETE FROM mdl_local_alx_api_report_settings");
        testDatabase.execute("DELETE FROM mdl_local_alx_api_rate_counters");
    }

    @AfterAll
    static void drop() {
        persistence.close();
        testDatabase.close();
    }

    @Test
    void everyAnswerConformsToTheServedOpenApiDocument() throws Exception {
        ApiAnswer first = call("course-progress", "page_size", "3");
        conforms("/api/v2/reports/course-progress", first);
        JsonObject page = json(first);
        ApiAnswer narrowed = call("course-progress", "page_size", "2", "fields", "status", "course_id", "3");
        conforms("/api/v2/reports/course-progress", narrowed);
        ApiAnswer last = call("course-progress", "page_size", "10", "course_id", "99");
        conforms("/api/v2/reports/course-progress", last);
        assertTrue(json(last).isNull("next_cursor"));

        testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET is_deleted = 1, last_updated = UNIX_TIMESTAMP()"
                + " WHERE companyid = 1 AND userid = 1");
        testDatabase.execute("UPDATE mdl_local_alx_api_reporting SET percentage = 100, last_updated = UNIX_TIMESTAMP()"
                + " WHERE companyid = 1 AND userid = 2");
        Thread.sleep(2100); // the feed serves changes once they are a second (here) old
        ApiAnswer changes = call("course-progress/changes", "since", page.getString("watermark"));
        conforms("/api/v2/reports/course-progress/changes", changes);
        Set<String> ops = new HashSet<>();
        json(changes).getJsonArray("changes").forEach(c -> ops.add(c.asJsonObject().getString("op")));
        assertEquals(Set.of("upsert", "delete"), ops, changes.text());

        conforms("/api/v2/reports/whoami", call("whoami"));
        conforms("/api/v2/reports/course-progress", call("course-progress", "page_size", "0"));
        conforms("/api/v2/reports/course-progress", call("course-progress", "cursor", "x"));
        conforms("/api/v2/reports/course-progress/changes", call("course-progress/changes",
                "since", SigningKey.of(database).sign("c|1|5|0|0")));
        ApiAnswer unauthorized = api.answer(new ApiRequest("GET", "whoami", Map.of(), null, "10.0.0.1"), "r");
        conforms("/api/v2/reports/whoami", unauthorized);
        new SettingsStore(database).save("token_rate_limit_per_minute", "1");
        try {
            call("whoami");
            conforms("/api/v2/reports/course-progress", call("course-progress"));
        } finally {
            new SettingsStore(database).save("token_rate_limit_per_minute", "0");
        }
    }

    @Test
    void thePowerBiCodeOfTheDocsReadsTheWholeTableWithAFixedBaseUrlAndTheCursorInQuery() throws Exception {
        String m = Files.readString(DOC).replaceAll("(?s).*```m\\n(.*?)```.*", "$1");
        String base = find(m, "Web\\.Contents\\(\"([^\"]+)\",");
        String relativePath = find(m, "RelativePath = \"([^\"]+)\"");
        String pageSize = find(m, "Query = \\[page_size = \"(\\d+)\"\\]");
        assertEquals("cursor", find(m, "else \\[(\\w+) = cursor\\]"));
        assertEquals("Bearer ", find(m, "Authorization = \"([^\"]+)\" & Token"));
        assertTrue(m.contains("each if _[next_cursor] = null then null else GetPage(_[next_cursor])"), m);
        assertTrue(m.contains("each _[data]"), m);

        // A refresh is one read of the company's day, however many pages: with a daily limit of
        // one, every page of it is still answered.
        testDatabase.execute("DELETE FROM mdl_local_alx_api_rate_counters");
        new CompanyReportSettingsStore(database).save(1, Map.of("rate_limit", 1L));
        List<String> urls = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int rows = 0;
        String cursor = null;
        do {
            // Web.Contents appends RelativePath to the literal base and Query as a form-encoded string.
            Map<String, String> query = new LinkedHashMap<>();
            query.put("page_size", pageSize);
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            String url = base + "/" + relativePath + "?" + form(query);
            urls.add(url);
            JsonObject page = json(replay(url, base));
            for (JsonValue row : page.getJsonArray("data")) {
                rows++;
                keys.add(row.asJsonObject().getInt("userid") + "/" + row.asJsonObject().getInt("courseid"));
            }
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        } while (cursor != null && urls.size() < 100);
        long live = testDatabase.count("SELECT COUNT(*) FROM mdl_local_alx_api_reporting WHERE companyid = 1 AND is_deleted = 0");
        assertEquals(live, rows);
        assertEquals(live, keys.size(), "no row twice");
        int perPage = Integer.parseInt(pageSize);
        assertEquals((live + perPage - 1) / perPage, urls.size());
        assertTrue(urls.size() >= 2, "the company is larger than the code's page: " + live + " rows");
        assertTrue(urls.stream().allMatch(url -> url.startsWith(base + "/api/v2/reports/course-progress?page_size=")));
        assertNull(cursor);
    }

    /** One request as Power BI sends it, taken apart as the servlet takes it apart. */
    private static ApiAnswer replay(String url, String base) {
        URI uri = URI.create(url);
        String resource = uri.getPath().substring(URI.create(base).getPath().length() + "/api/v2/reports/".length());
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] parts = pair.split("=", 2);
            query.computeIfAbsent(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        ApiAnswer answer = api.answer(new ApiRequest("GET", resource, query, "Bearer " + token, "10.0.0.9"), "pbi");
        assertEquals(200, answer.status(), answer.text());
        return answer;
    }

    private static String form(Map<String, String> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "the M code has " + regex);
        return matcher.group(1);
    }

    /** The answer's status is documented for the path, and its body conforms to that status's schema. */
    private static void conforms(String path, ApiAnswer answer) {
        JsonObject operation = openApi.getJsonObject("paths").getJsonObject(path).getJsonObject("get");
        JsonObject response = operation.getJsonObject("responses").getJsonObject(Integer.toString(answer.status()));
        assertTrue(response != null, path + " documents no " + answer.status() + ": " + answer.text());
        response = resolve(response);
        JsonObject content = response.getJsonObject("content");
        assertTrue(content.containsKey(answer.contentType()), path + " " + answer.status() + " is documented as "
                + content.keySet() + ", answered as " + answer.contentType());
        List<String> problems = new ArrayList<>();
        check(json(answer), content.getJsonObject(answer.contentType()).getJsonObject("schema"), "$", problems);
        assertEquals(List.of(), problems, answer.text());
    }

    private static void check(JsonValue value, JsonObject schema, String where, List<String> problems) {
        schema = resolve(schema);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (!schema.getBoolean("nullable", false)) {
                problems.add(where + " is null, which the document does not allow");
            }
            return;
        }
        String type = schema.getString("type");
        switch (type) {
            case "object" -> {
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    problems.add(where + " is not an object");
                    return;
                }
                JsonObject object = value.asJsonObject();
                JsonObject properties = schema.getJsonObject("properties");
                schema.getJsonArray("required").getValuesAs(JsonString.class).forEach(required -> {
                    if (!object.containsKey(required.getString())) {
                        problems.add(where + " lacks the required " + required.getString());
                    }
                });
                object.forEach((key, member) -> {
                    if (!properties.containsKey(key)) {
                        problems.add(where + "." + key + " is not documented");
                    } else {
                        check(member, properties.getJsonObject(key), where + "." + key, problems);
                    }
                });
            }
            case "array" -> {
                if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                    problems.add(where + " is not an array");
                    return;
                }
                int i = 0;
                for (JsonValue item : value.asJsonArray()) {
                    check(item, schema.getJsonObject("items"), where + "[" + i++ + "]", problems);
                }
            }
            case "string" -> {
                if (value.getValueType() != JsonValue.ValueType.STRING) {
                    problems.add(where + " is not a string");
                } else if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
                    problems.add(where + " is " + value + ", not one of " + schema.getJsonArray("enum"));
                }
            }
            case "integer" -> {
                if (value.getValueType() != JsonValue.ValueType.NUMBER
                        || !((jakarta.json.JsonNumber) value).isIntegral()) {
                    problems.add(where + " is not an integer");
                }
            }
            case "number" -> {
                if (value.getValueType() != JsonValue.ValueType.NUMBER) {
                    problems.add(where + " is not a number");
                }
            }
            default -> problems.add(where + " has a schema type this check does not know: " + type);
        }
    }

    private static JsonObject resolve(JsonObject schema) {
        while (schema.containsKey("$ref")) {
            JsonObject target = openApi;
            for (String part : schema.getString("$ref").substring(2).split("/")) {
                target = target.getJsonObject(part);
            }
            schema = target;
        }
        return schema;
    }

    private static ApiAnswer call(String resource, String... parameters) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        return api.answer(new ApiRequest("GET", resource, query, "Bearer " + token, "10.0.0.1"), "request");
    }

    private static JsonObject json(ApiAnswer answer) {
        return Json.createReader(new StringReader(answer.text())).readObject();
    }
}
