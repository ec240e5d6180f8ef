package alx.reportapi.it;

import alx.reportapi.security.PasswordHash;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an operator's browser and scripts meet at the edges of the admin pages and the operations
 * API: a body sent where none is taken, a form posted after its view expired, the security
 * headers and the session cookie, a protected view opened without its token (and what that
 * logs), and a reverse proxy's public origin. One deployment, on Payara Micro.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorWebIT {

    static final String USER = "operator-web-admin";
    static final String PASSWORD = "operator-web-it-password-4d1f";
    static final String TOKEN = "operator-web-it-token-0123456789";
    static final String PUBLIC_ORIGIN = "https://reports.example.org";
    /** A token value the test sends: the log must never repeat it. */
    static final String PROBE_TOKEN = "ProbeTokenValue7Q2X";
    private static final Pattern SETTINGS_LINK = Pattern.compile("href=\"([^\"]*settings\\.xhtml[^\"]*)\"");

    private static TestDatabase database;
    /** Inside the server: what every logger logged while the protected view was opened. */
    private static RecordingHandler serverLog;

    @Deployment
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("opweb");
        GeneratedMoodle.load(database.database(), 5, 0.05);
        return Deployments.inContainer(database, Map.of(
                "ALX_OPS_TOKEN", TOKEN,
                "ALX_NODE_NAME", "operator-web-node",
                "ALX_PUBLIC_ORIGIN", PUBLIC_ORIGIN,
                "ALX_ADMIN_USER", USER,
                "ALX_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).encoded()));
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    @RunAsClient
    void runNowWithAMalformedJsonBodyIsRefusedWithTheReasonAndStartsNoRun(@ArquillianResource URL base)
            throws Exception {
        AdminHttpSession script = AdminHttpSession.anonymous(base);
        HttpResponse<String> response = script.send(HttpRequest.newBuilder(script.uri("api/sync/runs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"trigger\": ")));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("not valid JSON"), response.body());
        HttpResponse<String> options = script.send(HttpRequest.newBuilder(script.uri("api/sync/runs"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"force\": true}")));
        assertEquals(400, options.statusCode(), options.body());
        assertEquals(0, database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs"), "no run was started");
    }

    @Test
    @Order(2)
    @RunAsClient
    void theLoginFormPostedAfterItsSessionExpiredShowsTheLoginPageSayingSo(@ArquillianResource URL base)
            throws Exception {
        String viewState = AdminHttpSession.viewState(AdminHttpSession.anonymous(base).get("admin/login.xhtml").body());
        // Another cookie jar: the session the form belonged to is gone, as after the session timeout.
        AdminHttpSession expired = AdminHttpSession.anonymous(base);
        HttpResponse<String> posted = expired.postForm("admin/login.xhtml", Map.of("login", "login",
                "login:username", USER, "login:password", PASSWORD, "login:submit", "Log in",
                "jakarta.faces.ViewState", viewState));
        assertTrue(posted.statusCode() == 302 || posted.statusCode() == 303,
                posted.statusCode() + ": " + posted.body());
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/admin/login.xhtml?expired=true"), location);
        HttpResponse<String> page = expired.get(location.substring(location.indexOf("admin/login.xhtml")));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Your session expired, sign in again."), page.body());
        assertFalse(page.body().contains("ViewExpiredException"), page.body());
        assertEquals(0, database.count("SELECT COUNT(*) FROM mdl_local_alx_api_audit WHERE action = 'login'"),
                "nobody logged in with the expired form");
    }

    @Test
    @Order(3)
    @RunAsClient
    void pagesAndTheApiSendTheSecurityHeadersAndTheSessionCookieIsSameSite(@ArquillianResource URL base)
            throws Exception {
        AdminHttpSession browser = AdminHttpSession.anonymous(base);
        HttpResponse<String> login = browser.get("admin/login.xhtml");
        String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID"))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        AdminHttpSession admin = AdminHttpSession.loggedIn(base, USER, PASSWORD);
        for (HttpResponse<String> response : List.of(login, admin.get("admin/index.xhtml"), admin.get("api/sync/lock"))) {
            String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
                    && csp.contains("object-src 'none'"), response.uri() + ": " + csp);
            String scripts = java.util.Arrays.stream(csp.split(";")).map(String::strip)
                    .filter(directive -> directive.startsWith("script-src ")).findFirst().orElse("");
            assertEquals("script-src 'self'", scripts, "no inline script, no eval: " + csp);
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals("same-origin", response.headers().firstValue("Referrer-Policy").orElse(""));
            assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse("").toUpperCase());
        }
    }

    /** Runs inside the server, where the log is: every record from here on is kept. */
    @Test
    @Order(4)
    void startRecordingTheServerLog() {
        serverLog = new RecordingHandler();
        Logger.getLogger("").addHandler(serverLog);
    }

    @Test
    @Order(5)
    @RunAsClient
    void aProtectedViewOpenedWithoutItsTokenSendsTheAdminToThePageThatExplains(@ArquillianResource URL base)
            throws Exception {
        AdminHttpSession admin = AdminHttpSession.loggedIn(base, USER, PASSWORD);
        Matcher link = SETTINGS_LINK.matcher(admin.get("admin/index.xhtml").body());
        assertTrue(link.find(), "the settings link");
        assertTrue(link.group(1).contains("jakarta.faces.Token="), link.group(1));
        for (String path : List.of("admin/settings.xhtml", "admin/settings.xhtml?jakarta.faces.Token=" + PROBE_TOKEN,
                "admin/release-lock.xhtml")) {
            HttpResponse<String> response = admin.get(path);
            assertEquals(302, response.statusCode(), path + ": " + response.body());
            assertTrue(response.headers().firstValue("Location").orElse("").endsWith(
                    "/admin/open-from-the-admin-page.html"), path + ": " + response.headers());
        }
    }

    @Test
    @Order(6)
    void theLogSaysAProtectedViewWasOpenedAndNamesNoTokenValue() {
        Logger.getLogger("").removeHandler(serverLog);
        List<String> lines = serverLog.lines();
        assertTrue(lines.stream().anyMatch(line -> line.contains("a protected view was opened without its link's token")),
                "the refusal is logged: " + lines);
        assertTrue(lines.stream().noneMatch(line -> line.contains(PROBE_TOKEN)), "a presented token: " + lines);
        assertTrue(lines.stream().noneMatch(line -> line.contains("ProtectedViewException")), lines.toString());
        assertTrue(serverLog.severe().isEmpty(), "nothing SEVERE: " + serverLog.severe());
    }

    @Test
    @Order(7)
    @RunAsClient
    void behindAReverseProxyTheAdminsSessionMayChangeThingsFromThePublicOrigin(@ArquillianResource URL base)
            throws Exception {
        AdminHttpSession admin = AdminHttpSession.loggedIn(base, USER, PASSWORD);
        HttpResponse<String> fromProxy = admin.send(HttpRequest.newBuilder(admin.uri("api/sync/companies/999999/retry"))
                .header("Origin", PUBLIC_ORIGIN).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(404, fromProxy.statusCode(), "admitted, and the company is unknown: " + fromProxy.body());
        HttpResponse<String> elsewhere = admin.send(HttpRequest.newBuilder(admin.uri("api/sync/companies/999999/retry"))
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
    }

    /**
     * Every hostile request gets a 4xx with a JSON reason (the API) or the form again with the
     * reason at the field (the admin forms), and no table the product keeps changes.
     */
    @Test
    @Order(20)
    @RunAsClient
    void everyHostileRequestToTheApiAndTheAdminFormsIsRefusedWithA4xxAndChangesNothing(@ArquillianResource URL base)
            throws Exception {
        AdminHttpSession script = AdminHttpSession.anonymous(base);
        AdminHttpSession admin = AdminHttpSession.loggedIn(base, USER, PASSWORD);
        Map<String, String> before = checksums();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (HostileInputs.ApiCase hostile : HostileInputs.apiCases()) {
            for (AdminHttpSession caller : List.of(script, admin)) {
                HttpRequest.Builder request = HttpRequest.newBuilder(caller.uri(hostile.path()));
                if (caller == script) {
                    request.header("Authorization", "Bearer " + TOKEN);
                }
                if (hostile.contentType() != null) {
                    request.header("Content-Type", hostile.contentType());
                }
                // A client sending a large body waits for the go-ahead, so it can read an early 413.
                request.expectContinue(hostile.body() != null && hostile.body().length() > 8 * 1024);
                request.method(hostile.method(), hostile.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(hostile.body()));
                HttpResponse<String> response = caller.send(request);
                sent++;
                if (response.statusCode() < 400 || response.statusCode() >= 500
                        || !(jsonError(response) || refusedByTheServerItself(hostile, response))) {
                    wrong.add((caller == script ? "token " : "session ") + hostile + " -> " + response.statusCode()
                            + " " + clip(response.body()));
                }
            }
        }
        for (Map.Entry<String, String> login : HostileInputs.HOSTILE_LOGINS.entrySet()) {
            AdminHttpSession visitor = AdminHttpSession.anonymous(base);
            String viewState = AdminHttpSession.viewState(visitor.get("admin/login.xhtml").body());
            HttpResponse<String> response = visitor.postForm("admin/login.xhtml", Map.of("login", "login",
                    "login:username", login.getKey(), "login:password", login.getValue(), "login:submit", "Log in",
                    "jakarta.faces.ViewState", viewState));
            sent++;
            if (response.statusCode() < 400 || response.statusCode() >= 500
                    || !response.body().contains("Wrong user name or password")) {
                wrong.add("login " + clip(login.getKey()) + " -> " + response.statusCode() + " " + clip(response.body()));
            }
        }
        SettingsForm form = SettingsForm.open(admin);
        for (String setting : form.textFields().keySet()) {
            for (String value : HostileInputs.badFieldValues(setting)) {
                sent++;
                HttpResponse<String> response = SettingsForm.open(admin).submit(admin, setting, value);
                if (response.statusCode() != 400 || !response.body().contains("Nothing was saved")) {
                    wrong.add("settings form " + setting + "=" + clip(value) + " -> " + response.statusCode()
                            + " " + clip(response.body()));
                }
            }
        }
        for (String setting : form.choiceFields().keySet()) {
            for (String value : HostileInputs.BAD_CHOICES) {
                sent++;
                HttpResponse<String> response = SettingsForm.open(admin).submit(admin, setting, value);
                if (response.statusCode() != 400) {
                    wrong.add("settings form " + setting + "=" + clip(value) + " -> " + response.statusCode());
                }
            }
        }
        System.out.println("FUZZ hostile requests sent: " + sent + ", refused as expected: " + (sent - wrong.size()));
        assertEquals(List.of(), wrong, wrong.size() + " of " + sent + " hostile requests were not refused with a 4xx");
        assertEquals(before, checksums(), "no table changed");
        assertTrue(sent >= 900, "the catalogue is sent in full: " + sent);
    }

    @Test
    @Order(30)
    @RunAsClient
    void theRunLogPagesBackThroughAllHistoryAndFiltersByOutcome(@ArquillianResource URL base) throws Exception {
        String[] outcomes = {"completed", "failed", "skipped", "partial", "timed_out"};
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 450; i++) {
                statement.addBatch("INSERT INTO mdl_local_alx_api_sync_runs (execution_id, node, trigger_source, outcome,"
                        + " started_at, ended_at, budget_seconds) VALUES (" + (1000 + i) + ", 'history-node', 'timer', '"
                        + outcomes[i % outcomes.length] + "', UNIX_TIMESTAMP() - " + (86_400 * 400 - i * 3600)
                        + ", UNIX_TIMESTAMP() - " + (86_400 * 400 - i * 3600 - 60) + ", 300)");
            }
            statement.executeBatch();
        }
        long total = database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs");
        AdminHttpSession script = AdminHttpSession.anonymous(base);
        List<Long> ids = new ArrayList<>();
        String next = "api/sync/runs?limit=200";
        for (int page = 0; next != null && page < 10; page++) {
            HttpResponse<String> response = script.send(HttpRequest.newBuilder(script.uri(next))
                    .header("Authorization", "Bearer " + TOKEN));
            assertEquals(200, response.statusCode(), response.body());
            Json.createReader(new StringReader(response.body())).readArray().forEach(run ->
                    ids.add(run.asJsonObject().getJsonNumber("id").longValue()));
            next = response.headers().firstValue("Link").map(OperatorWebIT::nextPage).orElse(null);
        }
        assertEquals(total, ids.size(), "every entry, the oldest 400 days back, on some page");
        assertEquals(ids.stream().sorted(java.util.Comparator.reverseOrder()).distinct().toList(), ids,
                "newest first, each once");

        HttpResponse<String> failed = script.send(HttpRequest.newBuilder(script.uri("api/sync/runs?limit=200&outcome=failed,timed_out"))
                .header("Authorization", "Bearer " + TOKEN));
        List<String> seen = Json.createReader(new StringReader(failed.body())).readArray().stream()
                .map(run -> run.asJsonObject().getString("outcome")).distinct().sorted().toList();
        assertEquals(List.of("failed", "timed_out"), seen);
        assertEquals(database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE outcome IN ('failed', 'timed_out')"),
                Json.createReader(new StringReader(failed.body())).readArray().size());
        HttpResponse<String> unknown = script.send(HttpRequest.newBuilder(script.uri("api/sync/runs?outcome=done"))
                .header("Authorization", "Bearer " + TOKEN));
        assertEquals(400, unknown.statusCode(), unknown.body());
        assertTrue(unknown.body().contains("timed_out"), "the refusal lists the outcomes: " + unknown.body());
    }

    @Test
    @Order(31)
    @RunAsClient
    void statusGivesEachCompanysLagOnTheDatabaseClock(@ArquillianResource URL base) throws Exception {
        AdminHttpSession script = AdminHttpSession.anonymous(base);
        HttpResponse<String> started = script.send(HttpRequest.newBuilder(script.uri("api/sync/runs"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, started.statusCode(), started.body());
        awaitNoRunningRun();
        database.execute("UPDATE mdl_local_alx_api_sync_status SET last_sync_timestamp = UNIX_TIMESTAMP() - 7200 WHERE companyid = 2");
        JsonObject status = Json.createReader(new StringReader(script.send(HttpRequest.newBuilder(
                script.uri("api/sync/status?sort=id")).header("Authorization", "Bearer " + TOKEN)).body())).readObject();
        long now = status.getJsonNumber("databaseNow").longValue();
        for (JsonObject company : status.getJsonArray("companies").getValuesAs(JsonObject.class)) {
            if (company.isNull("cursorAt")) {
                assertTrue(company.isNull("lagSeconds"), "no cursor, no lag: " + company);
            } else {
                long cursor = company.getJsonNumber("cursorAt").longValue();
                assertEquals(now - cursor, company.getJsonNumber("lagSeconds").longValue(), company.toString());
            }
        }
        JsonObject second = status.getJsonArray("companies").getJsonObject(1);
        assertEquals(2, second.getInt("companyId"));
        long lag = second.getJsonNumber("lagSeconds").longValue();
        assertTrue(lag >= 7200 && lag < 7200 + 60, "company 2's cursor was set two hours back: " + second);
    }

    @Test
    @Order(32)
    @RunAsClient
    void theAuditTrailIsReadableByApiAndPagesBack(@ArquillianResource URL base) throws Exception {
        AdminHttpSession script = AdminHttpSession.anonymous(base);
        long entries = database.count("SELECT COUNT(*) FROM mdl_local_alx_api_audit");
        assertTrue(entries >= 3, "the logins of the earlier tests are audited: " + entries);
        HttpResponse<String> first = script.send(HttpRequest.newBuilder(script.uri("api/audit?limit=2"))
                .header("Authorization", "Bearer " + TOKEN));
        assertEquals(200, first.statusCode(), first.body());
        JsonArray page = Json.createReader(new StringReader(first.body())).readArray();
        assertEquals(2, page.size());
        JsonObject newest = page.getJsonObject(0);
        assertEquals(USER, newest.getString("user"));
        assertTrue(newest.getJsonNumber("at").longValue() > 0, newest.toString());
        List<Long> ids = new ArrayList<>();
        String next = "api/audit?limit=2";
        for (int i = 0; next != null && i < 100; i++) {
            HttpResponse<String> response = script.send(HttpRequest.newBuilder(script.uri(next))
                    .header("Authorization", "Bearer " + TOKEN));
            Json.createReader(new StringReader(response.body())).readArray().forEach(entry ->
                    ids.add(entry.asJsonObject().getJsonNumber("id").longValue()));
            next = response.headers().firstValue("Link").map(OperatorWebIT::nextPage).orElse(null);
        }
        assertEquals(entries, ids.stream().distinct().count());
    }

    @Test
    @Order(33)
    @RunAsClient
    void metricsGiveEachCompanysLagParkedCompaniesAndTheLocksAge(@ArquillianResource URL base) throws Exception {
        database.execute("UPDATE mdl_local_alx_api_company_sync SET parked = 1, retry_count = 3 WHERE companyid = 1");
        database.execute("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api', 'sync_task_lock',"
                + " UNIX_TIMESTAMP() - 30), ('local_alx_report_api', 'sync_task_lock_holder',"
                + " CONCAT('other-node|other-incarnation|77|', UNIX_TIMESTAMP() - 900))"
                + " ON DUPLICATE KEY UPDATE value = VALUES(value)");
        try {
            Map<String, Double> metrics = metrics(base);
            assertEquals(1.0, metrics.get("alx_sync_companies_parked"), metrics.toString());
            assertEquals(1.0, metrics.get("alx_sync_lock_held"));
            double age = metrics.get("alx_sync_lock_age_seconds");
            assertTrue(age >= 900 && age < 960, "taken 15 minutes ago: " + age);
            double heartbeat = metrics.get("alx_sync_lock_heartbeat_age_seconds");
            assertTrue(heartbeat >= 30 && heartbeat < 90, "last heartbeat 30 s ago: " + heartbeat);
            double lag = metrics.get("alx_sync_company_lag_seconds{company=\"2\"}");
            assertTrue(lag >= 7200 && lag < 7300, "company 2's lag: " + lag);
            assertEquals(database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_status WHERE last_sync_timestamp > 0"),
                    metrics.keySet().stream().filter(name -> name.startsWith("alx_sync_company_lag_seconds{")).count());
            assertEquals(3600.0, metrics.get("alx_sync_schedule_longest_gap_seconds"));
            assertEquals(1.0, metrics.get("alx_sync_state_read_ok"));
        } finally {
            database.execute("DELETE FROM mdl_config_plugins WHERE name IN ('sync_task_lock', 'sync_task_lock_holder')");
            database.execute("UPDATE mdl_local_alx_api_company_sync SET parked = 0, retry_count = 0 WHERE companyid = 1");
        }
        assertEquals(0.0, metrics(base).get("alx_sync_lock_held"), "the lock freed, the gauge follows");
    }

    /** Every query of the shipped Grafana dashboard names only metrics this server serves. */
    @Test
    @Order(34)
    @RunAsClient
    void everyGrafanaQueryUsesAMetricTheProductExposes(@ArquillianResource URL base) throws Exception {
        java.util.Set<String> served = metrics(base).keySet().stream().map(name -> name.replaceAll("\\{.*", ""))
                .collect(java.util.stream.Collectors.toSet());
        JsonObject dashboard = Json.createReader(java.nio.file.Files.newBufferedReader(
                java.nio.file.Path.of("docs/monitoring/alx-sync-dashboard.json"))).readObject();
        List<String> queries = new ArrayList<>();
        dashboard.getJsonArray("panels").getValuesAs(JsonObject.class).forEach(panel -> panel.getJsonArray("targets")
                .getValuesAs(JsonObject.class).forEach(target -> queries.add(target.getString("expr"))));
        assertTrue(queries.size() >= 10, queries.toString());
        List<String> missing = new ArrayList<>();
        Matcher metric = Pattern.compile("\\balx_[a-z_]+").matcher(String.join("\n", queries));
        while (metric.find()) {
            if (!served.contains(metric.group())) {
                missing.add(metric.group());
            }
        }
        assertEquals(List.of(), missing, "served: " + served);
    }

    private static Map<String, Double> metrics(URL base) throws Exception {
        return ScrapedMetrics.of(base);
    }

    private static String nextPage(String link) {
        Matcher next = Pattern.compile("<[^>]*/(api/[^>]+)>;\\s*rel=\"next\"").matcher(link);
        return next.find() ? next.group(1) : null;
    }

    private static void awaitNoRunningRun() throws Exception {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
        while (database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE outcome = 'running'") > 0
                || database.count("SELECT COUNT(*) FROM mdl_config_plugins WHERE name = 'sync_task_lock' AND value <> ''") > 0) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError("the run did not end within 2 minutes");
            }
            Thread.sleep(200);
        }
    }

    private static boolean jsonError(HttpResponse<String> response) {
        return response.body().startsWith("{") && response.body().contains("\"error\"");
    }

    /**
     * The HTTP server itself answers a DELETE that carries a body with 400 and no body, before the
     * application sees it: a refusal, without the API's reason.
     */
    private static boolean refusedByTheServerItself(HostileInputs.ApiCase hostile, HttpResponse<String> response) {
        return hostile.method().equals("DELETE") && hostile.body() != null && response.statusCode() == 400
                && response.body().isEmpty();
    }

    private static String clip(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** The tables a refused request must leave as they were, by MariaDB's table checksum. */
    static Map<String, String> checksums() throws SQLException {
        Map<String, String> sums = new java.util.TreeMap<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String table : List.of("mdl_config_plugins", "mdl_local_alx_api_sync_runs",
                    "mdl_local_alx_api_company_sync", "mdl_local_alx_api_reporting", "mdl_local_alx_api_audit")) {
                try (ResultSet rs = statement.executeQuery("CHECKSUM TABLE " + table + " EXTENDED")) {
                    rs.next();
                    sums.put(table, rs.getString(2));
                }
            }
        }
        return sums;
    }

    /** Keeps every record's text, its parameters and its exception's messages. */
    static final class RecordingHandler extends Handler {
        private final List<LogRecord> records = new ArrayList<>();

        RecordingHandler() {
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            records.add(record);
        }

        synchronized List<String> lines() {
            List<String> lines = new ArrayList<>();
            for (LogRecord record : records) {
                StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getLoggerName() + ": "
                        + record.getMessage());
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        line.append(" | ").append(parameter);
                    }
                }
                for (Throwable cause = record.getThrown(); cause != null; cause = cause.getCause()) {
                    line.append(" | ").append(cause);
                }
                lines.add(line.toString());
            }
            return lines;
        }

        synchronized List<String> severe() {
            return lines().stream().filter(line -> line.startsWith(Level.SEVERE + " ")).toList();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
