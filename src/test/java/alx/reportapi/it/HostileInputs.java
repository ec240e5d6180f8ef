package alx.reportapi.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of hostile requests sent to every operations API endpoint and admin form:
 * malformed JSON, huge bodies, wrong types, other scripts' characters, SQL and script fragments,
 * numbers out of range. None of them is a valid request, so every one must be refused with a 4xx.
 */
final class HostileInputs {

    /** One API request: method, path below the context root, content type (or null) and body (or null). */
    record ApiCase(String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 60 ? body.substring(0, 60) + "…(" + body.length() + ")" : body;
            return method + " " + path + (contentType == null ? "" : " [" + contentType + "]") + " " + shown;
        }
    }

    static final List<String> MALFORMED_JSON = List.of("{", "}", "{\"value\": ", "[1, 2", "{'value': 300}",
            "{\"value\": 300,}", "{\"value\": 300}{\"value\": 1}", "{value: 300}", "\u0000", "{\"value\": 30\u00000}",
            "[".repeat(5000), "{\"value\": \"unterminated}");

    static final List<String> WRONG_SHAPES = List.of("[]", "null", "42", "\"text\"", "true", "{\"value\": [300]}",
            "{\"value\": {\"seconds\": 300}}", "{\"value\": null}", "{\"value\": 300, \"also\": 1}", "{\"values\": 300}",
            "{\"executionId\": 1}");

    /** Values that no setting accepts, in every type and script. */
    static final List<String> BAD_VALUES = List.of("-1", "1e309", "99999999999999999999999", "0.5", "NaN",
            "\"\"", "\" \"", "\"' OR 1=1 --\"", "\"300; DROP TABLE mdl_config_plugins\"",
            "\"<script>alert(1)</script>\"", "\"３００\"", "\"\\uD83D\\uDCA3\"", "\"\\u202E003\"", "\"0x12c\"",
            "\"" + "9".repeat(5000) + "\"");

    static final List<String> BAD_IDS = List.of("0", "-1", "abc", "1e3", "9223372036854775808", "1 OR 1=1",
            "';--", "<script>", "１", "٣", "1.5", " ", "%00", "9".repeat(300));

    static final List<String> BAD_NUMBERS = List.of("-1", "0", "abc", "1e3", "99999999999", "' OR 1=1 --",
            "<script>", "１０", "٣", "1.5", "0x10", "9".repeat(300));

    static final List<String> SETTINGS = List.of("max_sync_time", "batch_size", "sync_enabled", "sync_schedule",
            "run_log_retention_days");

    private HostileInputs() {
    }

    /** Every API case: bodies where bodies go, where none go, hostile path ids and query values. */
    static List<ApiCase> apiCases() {
        List<ApiCase> cases = new ArrayList<>();
        List<String> badBodies = new ArrayList<>(MALFORMED_JSON);
        badBodies.addAll(WRONG_SHAPES.stream().filter(body -> !body.equals("{}")).toList());
        badBodies.add("{\"value\": \"" + "x".repeat(100_000) + "\"}");
        List<String[]> noBodyActions = List.of(new String[] {"POST", "api/sync/runs"},
                new String[] {"POST", "api/sync/runs/1/stop"}, new String[] {"POST", "api/sync/companies/1/retry"},
                new String[] {"DELETE", "api/sync/lock"});
        for (String[] action : noBodyActions) {
            for (String body : badBodies) {
                cases.add(new ApiCase(action[0], action[1], "application/json", body));
            }
            cases.add(new ApiCase(action[0], action[1], "text/plain", "run please"));
            cases.add(new ApiCase(action[0], action[1], "application/x-www-form-urlencoded", "force=1"));
        }
        for (String setting : SETTINGS) {
            String path = "api/settings/" + setting;
            for (String body : badBodies) {
                cases.add(new ApiCase("PUT", path, "application/json", body));
            }
            for (String value : BAD_VALUES) {
                cases.add(new ApiCase("PUT", path, "application/json", "{\"value\": " + value + "}"));
            }
            cases.add(new ApiCase("PUT", path, "text/plain", "300"));
            cases.add(new ApiCase("PUT", path, null, null));
        }
        for (String name : List.of("no_such_setting", "max_sync_time' OR '1'='1", "<script>", "マックス", "x".repeat(500))) {
            cases.add(new ApiCase("PUT", "api/settings/" + encode(name), "application/json", "{\"value\": 300}"));
        }
        for (String id : BAD_IDS) {
            cases.add(new ApiCase("GET", "api/sync/runs/" + encode(id), null, null));
            cases.add(new ApiCase("POST", "api/sync/runs/" + encode(id) + "/stop", null, null));
            cases.add(new ApiCase("POST", "api/sync/companies/" + encode(id) + "/retry", null, null));
        }
        for (String value : BAD_NUMBERS) {
            String v = encode(value);
            cases.add(new ApiCase("GET", "api/sync/runs?limit=" + v, null, null));
            cases.add(new ApiCase("GET", "api/sync/status?limit=" + v, null, null));
            cases.add(new ApiCase("GET", "api/sync/status?offset=" + (value.equals("0") ? "-5" : v), null, null));
        }
        for (String sort : List.of("name;DROP TABLE mdl_company", "priority DESC", "<script>", "ｎａｍｅ", "")) {
            if (!sort.isEmpty()) {
                cases.add(new ApiCase("GET", "api/sync/status?sort=" + encode(sort), null, null));
            }
        }
        cases.add(new ApiCase("GET", "api/sync/status?search=" + encode("x".repeat(101)), null, null));
        for (String[] wrongMethod : List.of(new String[] {"PATCH", "api/sync/runs"}, new String[] {"PUT", "api/sync/lock"},
                new String[] {"DELETE", "api/settings"}, new String[] {"POST", "api/sync/status"})) {
            cases.add(new ApiCase(wrongMethod[0], wrongMethod[1], "application/json", "{}"));
        }
        return cases;
    }

    /** Values for each text field of the settings form that the field refuses. */
    static List<String> badFieldValues(String setting) {
        List<String> values = new ArrayList<>(List.of("", " ", "-1", "99999999999999999999", "1e3", "３００", "٣٠٠",
                "300; DROP TABLE mdl_config_plugins", "' OR '1'='1", "<script>alert(1)</script>", "300\u0000",
                "x".repeat(10_000), "0x12c", "NaN", "\u202E003"));
        values.addAll(switch (setting) {
            case "max_sync_time" -> List.of("59", "3601");
            case "batch_size" -> List.of("99", "10001");
            case "run_log_retention_days" -> List.of("0", "3651");
            case "sync_schedule" -> List.of("60 *", "* 24", "-1 *", "0 * *", "*/0 *");
            default -> List.of();
        });
        return values;
    }

    static final List<String> BAD_CHOICES = List.of("2", "yes", "-1", "<script>", "1 OR 1=1", "");

    static final Map<String, String> HOSTILE_LOGINS = Map.of(
            "' OR '1'='1", "' OR '1'='1",
            "admin'--", "x",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "ａｄｍｉｎ", "パスワード",
            "x".repeat(5000), "y".repeat(5000),
            "admin\u0000", "\u202Eadmin");

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
