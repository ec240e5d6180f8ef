package alx.reportapi.it;

import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.security.PasswordHash;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSettings;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.HeadlessChromium;
import alx.reportapi.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin page (SPEC 5) in a real headless Chromium against the deployed WAR: login, the
 * settings form, a run watched live to its end, a failed company retried, a stale lock released
 * after confirmation and a live one refused, and everything refused without login. The content
 * security policy admits no inline script: no page renders one, and after every test the browser
 * has reported no violation of the policy, while the forms, the live updates, the buttons and the
 * charts above all worked under it. Screenshots land in the build directory's {@code screenshots/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPageIT {

    private static final String USER = "ops-admin";
    private static final String PASSWORD = AdminBrowser.randomPassword();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration RUN_WAIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final long FAILING_COMPANY = 2;
    /** Far from UTC, so that a time shown in the wrong zone is hours off. */
    private static final ZoneId SHOWN_ZONE = ZoneId.of("Pacific/Auckland");

    private static TestDatabase database;
    private static WebDriver browser;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("admin");
        GeneratedMoodle.load(database.database(), 23, 0.3);
        return Deployments.builtWar(database, Map.of(
                "ALX_ADMIN_USER", USER,
                "ALX_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).encoded(),
                "ALX_NODE_NAME", "admin-it-node",
                "ALX_TIMEZONE", SHOWN_ZONE.getId()));
    }

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowserAndDropDatabase() {
        if (browser != null) {
            browser.quit();
        }
        if (database != null) {
            database.close();
        }
    }

    /** Whatever the test clicked, loaded or had re-rendered, the policy refused nothing. */
    @AfterEach
    void theBrowserReportedNoPolicyViolation() {
        assertEquals(List.of(), HeadlessChromium.takePolicyViolations(browser));
    }

    @Test
    @Order(1)
    void withoutLoginThePagesRedirectToTheLoginPageAndTheApiRefuses() throws Exception {
        for (String page : List.of("admin/", "admin/index.xhtml", "admin/settings.xhtml", "admin/release-lock.xhtml")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(page)).GET()
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, response.statusCode(), page + ": " + response.body());
            assertTrue(response.headers().firstValue("Location").orElse("").contains("/admin/login.xhtml"),
                    page + " redirects to " + response.headers().firstValue("Location"));
        }
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(uri("admin/index.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("actions=actions&actions%3ArunNow=Run+now")).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(post.statusCode() == 302 || post.statusCode() == 401 || post.statusCode() == 403,
                "a POST without login is refused: " + post.statusCode());
        assertEquals(0, database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs"), "and nothing ran");
        HttpResponse<String> api = HTTP.send(HttpRequest.newBuilder(uri("api/sync/companies/1/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, api.statusCode(), api.body());

        browser.get(uri("admin/").toString());
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        assertTrue(browser.getCurrentUrl().contains("/admin/login.xhtml"), browser.getCurrentUrl());
        HeadlessChromium.screenshot(browser, "login-page");

        browser.get(uri("admin/login.xhtml?expired=true").toString());
        assertTrue(wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("session-expired"))).getText()
                .contains("Your session expired, sign in again."));
        HeadlessChromium.screenshot(browser, "login-session-expired");
    }

    @Test
    @Order(2)
    void aWrongPasswordIsRefusedAndLeavesTheAdminLoggedOut() {
        logIn(USER, PASSWORD + "x");
        WebElement message = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#messages .message-error")));
        assertTrue(message.getText().contains("Wrong user name or password"), message.getText());
        assertTrue(browser.getCurrentUrl().contains("/admin/login.xhtml"), browser.getCurrentUrl());
        HeadlessChromium.screenshot(browser, "login-refused");

        browser.get(uri("admin/").toString());
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
    }

    @Test
    @Order(3)
    void theAdminLogsInAndSeesTheStatus() throws SQLException {
        logIn(USER, PASSWORD);
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("lock-state")));
        assertTrue(browser.getCurrentUrl().contains("/admin/"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("logout")).getText().contains(USER));
        assertEquals("free", attribute(By.id("lock-state"), "data-lock"));
        // The companies are listed (until() fails the test when the condition never holds).
        wait(WAIT).until(d -> d.findElements(By.cssSelector("#company-status tbody tr")).size() >= 3);
        assertTrue(auditActions().contains("login"), "the login is in the audit trail");
        assertLoginShownAtItsDatabaseTimeInTheOperatorsZone();
    }

    /** The audit entry's time as the database recorded it, in the configured zone, which is named. */
    private void assertLoginShownAtItsDatabaseTimeInTheOperatorsZone() throws SQLException {
        String when = browser.findElement(By.cssSelector("#audit tbody tr[data-action='login'] td")).getText().strip();
        assertTrue(when.endsWith(" " + SHOWN_ZONE.getId()), "the zone is named: " + when);
        LocalDateTime shown = LocalDateTime.parse(when.substring(0, 19), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        long recorded = database.count("SELECT MAX(timecreated) FROM mdl_local_alx_api_audit WHERE action = 'login'");
        assertEquals(recorded, shown.atZone(SHOWN_ZONE).toEpochSecond(), "shown: " + when);
    }

    @Test
    @Order(4)
    void aValidSettingIsSaved() throws Exception {
        openSettings();
        setField("max_sync_time", "600");
        browser.findElement(By.id("settings:save")).click();
        WebElement message = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#messages .message-info")));
        assertTrue(message.getText().contains("max_sync_time 300 -> 600"), message.getText());
        assertEquals(600, storedSettings().maxSyncTimeSeconds());
        assertEquals("600", field("max_sync_time").getAttribute("value"));
    }

    @Test
    @Order(5)
    void anInvalidSettingGetsAMessageAtItsFieldAndNothingIsSaved() throws Exception {
        openSettings();
        setField("max_sync_time", "900");
        setField("batch_size", "50");
        browser.findElement(By.id("settings:save")).click();
        WebElement error = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "div[data-setting='batch_size'] .field-error")));
        assertTrue(error.getText().contains("below the minimum 100"), error.getText());
        assertEquals("true", field("batch_size").getAttribute("aria-invalid"));
        assertTrue(browser.findElement(By.id("settings-refused")).getText().contains("Nothing was saved"));
        assertTrue(browser.findElements(By.cssSelector("div[data-setting='max_sync_time'] .field-error")).isEmpty(),
                "the valid field has no message");
        HeadlessChromium.screenshot(browser, "settings-validation-error");
        SyncSettings stored = storedSettings();
        assertEquals(600, stored.maxSyncTimeSeconds(), "the valid value beside the refused one is not saved either");
        assertEquals(1000, stored.batchSize());
    }

    @Test
    @Order(6)
    void aRunIsWatchedLiveToItsEndWithoutAPageReload() throws Exception {
        openStatus();
        // Each reporting row costs a few milliseconds, so the run lasts long enough to be watched.
        database.execute("CREATE TRIGGER alx_it_slow BEFORE INSERT ON mdl_local_alx_api_reporting FOR EACH ROW"
                + " SET @alx_it_slept = SLEEP(0.001)");
        try {
            markPage();
            browser.findElement(By.id("actions:runNow")).click();
            long executionId = Long.parseLong(attribute(By.cssSelector("div.run[data-execution]"), "data-execution"));
            assertEquals("600", attribute(By.id("progress-" + executionId), "max"), "the bar runs against max_sync_time");
            wait(RUN_WAIT).until(d -> number(d, "#run-" + executionId + " .rows-written") > 0);
            HeadlessChromium.screenshot(browser, "status-during-run");
            String finished = "#run-log tr[data-execution='" + executionId + "'][data-outcome='completed']";
            wait(RUN_WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(finished)));
            assertTrue(pageNotReloaded(), "the status updated in place, without reloading the page");
            assertTrue(Long.parseLong(text(By.cssSelector(finished + " td:nth-child(8)"))) > 0, "rows written");
            assertEquals("admin:" + USER, text(By.cssSelector(finished + " td:nth-child(2)")));
            wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-run")));
            HeadlessChromium.screenshot(browser, "status-after-run");
        } finally {
            database.execute("DROP TRIGGER IF EXISTS alx_it_slow");
        }
        assertTrue(auditActions().contains("run_now"));
    }

    @Test
    @Order(7)
    void aFailedCompanyIsShownAndRetriedFromThePage() throws Exception {
        openStatus();
        // As after a takeover: the company's next pass is full, and every row it writes fails.
        database.execute("UPDATE mdl_local_alx_api_company_sync SET last_success_at = 0, pass_started_at = 0, pass_rows = 0"
                + " WHERE companyid = " + FAILING_COMPANY);
        database.execute("CREATE TRIGGER alx_it_fail BEFORE INSERT ON mdl_local_alx_api_reporting FOR EACH ROW"
                + " BEGIN IF NEW.companyid = " + FAILING_COMPANY + " THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure for company " + FAILING_COMPANY
                + "'; END IF; END");
        By failing = By.cssSelector("#company-status tr[data-company='" + FAILING_COMPANY + "'][data-state='retrying']");
        try {
            markPage();
            browser.findElement(By.id("actions:runNow")).click();
            wait(RUN_WAIT).until(ExpectedConditions.visibilityOfElementLocated(failing));
            String row = text(failing);
            assertTrue(row.contains("injected failure"), row);
            assertTrue(pageNotReloaded());
        } finally {
            database.execute("DROP TRIGGER IF EXISTS alx_it_fail");
        }
        assertEquals(1, database.count("SELECT retry_count FROM mdl_local_alx_api_company_sync WHERE companyid = "
                + FAILING_COMPANY));
        wait(RUN_WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("no-run")));
        scrollTo(By.cssSelector("#company-status tr[data-company='" + FAILING_COMPANY + "']"));
        HeadlessChromium.screenshot(browser, "status-failed-company");

        click(By.cssSelector("input[data-company='" + FAILING_COMPANY + "']"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"),
                "Company " + FAILING_COMPANY + " will be synced first on the next run."));
        assertEquals(0, database.count("SELECT retry_count FROM mdl_local_alx_api_company_sync WHERE companyid = "
                + FAILING_COMPANY));
        assertEquals(-1, database.count("SELECT priority FROM mdl_local_alx_api_company_sync WHERE companyid = "
                + FAILING_COMPANY), "first in the queue");

        click(By.id("actions:runNow"));
        wait(RUN_WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#company-status tr[data-company='" + FAILING_COMPANY + "'][data-state='synced']")));
        assertTrue(auditActions().contains("company_retry"));
    }

    @Test
    @Order(8)
    void aStaleLockIsReleasedAfterConfirmationAndALiveOneIsRefused() throws Exception {
        holdLockAsAnotherNode(0);
        openStatus();
        assertEquals("held", attribute(By.id("lock-state"), "data-lock"));
        assertTrue(browser.findElements(By.id("releaseLock")).isEmpty(), "a live lock is not offered for release");

        holdLockAsAnotherNode(2 * 3600);
        wait(WAIT).until(ExpectedConditions.elementToBeClickable(By.id("releaseLock")));
        assertEquals("stale", attribute(By.id("lock-state"), "data-lock"));
        click(By.id("releaseLock"));
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("release:confirm")));
        assertEquals(List.of(), HeadlessChromium.inlineScripts(browser), "the confirmation page");
        assertTrue(browser.findElement(By.id("release-lock-state")).getText().contains("other-node"));
        HeadlessChromium.screenshot(browser, "release-lock-confirmation");

        // The holder comes back to life while the admin reads the confirmation.
        holdLockAsAnotherNode(0);
        browser.findElement(By.id("release:confirm")).click();
        WebElement refused = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#messages .message-error")));
        assertTrue(refused.getText().contains("live"), refused.getText());
        assertTrue(lockState().isPresent() && !lockState().get().stale(), "the live lock is still held");

        holdLockAsAnotherNode(2 * 3600);
        browser.findElement(By.id("release:confirm")).click();
        WebElement released = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#messages .message-info")));
        assertTrue(released.getText().contains("released"), released.getText());
        assertTrue(lockState().isEmpty(), "the stale lock is freed");
        wait(WAIT).until(d -> "free".equals(d.findElement(By.id("lock-state")).getAttribute("data-lock")));
        List<String> audit = auditActions();
        assertTrue(audit.contains("lock_release"), audit.toString());
    }

    @Test
    @Order(9)
    void theConfirmationPageCannotBeReachedFromOutsideTheAdminPages() {
        browser.get(uri("admin/release-lock.xhtml").toString());
        assertTrue(browser.findElements(By.id("release:confirm")).isEmpty(),
                "a protected view opened without its token does not show the confirmation");
        assertTrue(browser.getPageSource().contains("Open this page from the admin page"),
                "it explains where to open it from");
    }

    @Test
    @Order(10)
    void withOverAThousandCompaniesTheStatusPagesAndSearches() throws Exception {
        database.execute("INSERT INTO mdl_company (id, name, shortname, suspended) SELECT 100000 + seq,"
                + " CONCAT('Bulk company ', LPAD(seq, 4, '0')), CONCAT('bulk', seq), 0 FROM seq_1_to_1200");
        Instant start = Instant.now();
        openStatus();
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("companies-count"), "1203"));
        Duration firstPage = Duration.between(start, Instant.now());
        assertTrue(firstPage.compareTo(Duration.ofSeconds(20)) < 0, "the first page took " + firstPage);
        assertEquals(25, browser.findElements(By.cssSelector("#company-status tbody tr")).size());

        click(By.id("companies:next"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("companies-count"),
                "showing from number 26"));
        WebElement search = browser.findElement(By.id("companySearch:search"));
        search.sendKeys("Bulk company 0777");
        browser.findElement(By.id("companySearch:apply")).click();
        wait(WAIT).until(d -> d.findElements(By.cssSelector("#company-status tbody tr")).size() == 1);
        assertEquals("100777", attribute(By.cssSelector("#company-status tbody tr"), "data-company"));
        assertTrue(text(By.id("companies-count")).contains("1 companies"), text(By.id("companies-count")));
        HeadlessChromium.screenshot(browser, "status-company-search");
    }

    @Test
    @Order(11)
    void theAdminSessionAdmitsTheApiButNotAChangeSentFromAnotherSite() throws Exception {
        openStatus();
        String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(uri("api/sync/lock")).header("Cookie", cookie)
                .GET().timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, read.statusCode(), read.body());
        HttpResponse<String> fromElsewhere = HTTP.send(HttpRequest.newBuilder(uri("api/sync/companies/1/retry"))
                .header("Cookie", cookie).header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, fromElsewhere.statusCode(), fromElsewhere.body());
        HttpResponse<String> sameSite = HTTP.send(HttpRequest.newBuilder(uri("api/sync/companies/1/retry"))
                .header("Cookie", cookie).header("Origin", base.getProtocol() + "://" + base.getHost() + ":"
                        + base.getPort()).POST(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, sameSite.statusCode(), "admitted; company 1 is not failing: " + sameSite.body());
    }

    /**
     * The charts draw the runs of the last seven days (not older ones) coloured by outcome with
     * their budget, and the most lagging companies; without JavaScript the canvases stay hidden
     * and the tables carry the facts.
     */
    @Test
    @Order(13)
    void theChartsShowTheWeeksRunsByOutcomeAndTheMostLaggingCompanies() throws Exception {
        String[] outcomes = {"completed", "partial", "failed", "skipped", "timed_out"};
        for (int i = 0; i < 40; i++) {
            database.execute("INSERT INTO mdl_local_alx_api_sync_runs (execution_id, node, trigger_source, outcome, started_at,"
                    + " ended_at, budget_seconds, rows_written, corrections) VALUES (" + (5000 + i) + ", 'chart-node',"
                    + " 'timer', '" + outcomes[i % outcomes.length] + "', UNIX_TIMESTAMP() - " + (i * 4 * 3600 + 600)
                    + ", UNIX_TIMESTAMP() - " + (i * 4 * 3600 + 600 - 30 - 5 * i) + ", 600, " + (100 * i) + ", "
                    + (i == 7 ? 42 : 0) + ")");
        }
        database.execute("INSERT INTO mdl_local_alx_api_sync_runs (execution_id, node, trigger_source, outcome, started_at,"
                + " ended_at, budget_seconds) VALUES (4999, 'chart-node', 'timer', 'failed',"
                + " UNIX_TIMESTAMP() - 8 * 86400, UNIX_TIMESTAMP() - 8 * 86400 + 60, 600)");
        database.execute("UPDATE mdl_local_alx_api_sync_status SET last_sync_timestamp = UNIX_TIMESTAMP() - 86400 WHERE companyid = 3");
        long weeksRuns = database.count("SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE started_at >= UNIX_TIMESTAMP() - 7 * 86400");

        openStatus();
        wait(WAIT).until(d -> "true".equals(d.findElement(By.id("run-history-chart")).getAttribute("data-drawn")));
        wait(WAIT).until(d -> "true".equals(d.findElement(By.id("company-lag-chart")).getAttribute("data-drawn")));
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertEquals(weeksRuns, js.executeScript("return Chart.getChart('run-history-chart').data.datasets[0].data.length;"),
                "every run of the last 7 days, and not the one 8 days back");
        @SuppressWarnings("unchecked")
        List<String> colours = (List<String>) js.executeScript(
                "return Chart.getChart('run-history-chart').data.datasets[0].backgroundColor;");
        @SuppressWarnings("unchecked")
        List<String> shownOutcomes = (List<String>) js.executeScript(
                "return Chart.getChart('run-history-chart').data.datasets[0].outcomes;");
        for (int i = 0; i < colours.size(); i++) {
            assertEquals(shownOutcomes.get(i).equals("failed"), colours.get(i).equals("#a4161a"),
                    "red is for failed runs only: " + shownOutcomes.get(i) + " " + colours.get(i));
        }
        assertTrue(shownOutcomes.containsAll(List.of(outcomes)), shownOutcomes.toString());
        assertEquals("Budget (s)", js.executeScript("return Chart.getChart('run-history-chart').data.datasets[1].label;"));
        wait(WAIT).until(d -> "true".equals(d.findElement(By.id("corrections-chart")).getAttribute("data-drawn")));
        @SuppressWarnings("unchecked")
        List<Number> corrections = (List<Number>) js.executeScript(
                "return Chart.getChart('corrections-chart').data.datasets[0].data;");
        assertEquals(database.count("SELECT SUM(corrections) FROM mdl_local_alx_api_sync_runs"
                + " WHERE started_at >= UNIX_TIMESTAMP() - 7 * 86400"), corrections.stream().mapToLong(Number::longValue).sum(),
                "the week's corrections, among them one run's 42: " + corrections);
        assertTrue(corrections.stream().anyMatch(n -> n.longValue() == 42), corrections.toString());
        @SuppressWarnings("unchecked")
        List<Object> lagLabels = (List<Object>) js.executeScript("return Chart.getChart('company-lag-chart').data.labels;");
        assertTrue(String.valueOf(lagLabels.get(0)).endsWith("(3)"), "company 3 lags most: " + lagLabels);
        Number hours = (Number) js.executeScript("return Chart.getChart('company-lag-chart').data.datasets[0].data[0];");
        assertTrue(hours.doubleValue() >= 24 && hours.doubleValue() < 24.1, "a day behind: " + hours);
        js.executeScript("document.getElementById('charts-heading').scrollIntoView();");
        HeadlessChromium.screenshot(browser, "admin-charts");

        String cookie = "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue();
        String withoutScripts = HTTP.send(HttpRequest.newBuilder(uri("admin/index.xhtml")).header("Cookie", cookie)
                .GET().timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(withoutScripts.matches("(?s).*<canvas id=\"run-history-chart\" hidden=\"hidden\".*"),
                "a canvas is hidden until a script draws it");
        assertTrue(withoutScripts.contains("<table id=\"run-log\">") && withoutScripts.contains("data-lag=\""),
                "the run log and each company's lag are in the page's tables");
    }

    /**
     * Every admin page, reached as an admin reaches it, renders no inline script and no inline event
     * handler, and the policy it is sent with admits none ({@code OperatorWebIT} checks the header).
     */
    @Test
    @Order(14)
    void noAdminPageRendersAnInlineScript() {
        openStatus();
        assertEquals(List.of(), HeadlessChromium.inlineScripts(browser), "status page");
        assertTrue(browser.findElements(By.cssSelector("script[src*='faces.js']")).size() == 1,
                "the page's ajax uses faces.js from a file");
        for (String[] page : new String[][] {{"nav-settings", "settings:save"},
                {"nav-report-api", "reportSettings:save"}, {"nav-overview", "companies"}}) {
            openStatus();
            click(By.id(page[0]));
            wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id(page[1])));
            assertEquals(List.of(), HeadlessChromium.inlineScripts(browser), page[0]);
        }
        browser.get(uri("admin/login.xhtml").toString());
        wait(WAIT).until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
        assertEquals(List.of(), HeadlessChromium.inlineScripts(browser), "login page");
    }

    @Test
    @Order(20)
    void loggingOutEndsTheSession() {
        openStatus();
        click(By.id("logout:logoutButton"));
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        browser.get(uri("admin/").toString());
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
    }

    private void logIn(String user, String password) {
        AdminBrowser.logIn(browser, uri("admin/login.xhtml"), user, password, WAIT);
    }

    private void openStatus() {
        browser.get(uri("admin/").toString());
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("lock-state")));
    }

    /** Through the navigation link, which carries the token of the protected view. */
    private void openSettings() {
        openStatus();
        click(By.id("nav-settings"));
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("settings:save")));
    }

    private WebElement field(String setting) {
        return browser.findElement(By.cssSelector("input[data-setting='" + setting + "']"));
    }

    private void setField(String setting, String value) {
        AdminBrowser.type(browser, By.cssSelector("input[data-setting='" + setting + "']"), value, WAIT);
    }

    private void click(By target) {
        AdminBrowser.click(browser, target, WAIT);
    }

    private List<String> auditActions() {
        openStatus();
        return wait(WAIT).until(d -> d.findElements(By.cssSelector("#audit tbody tr")).stream()
                .map(r -> r.getAttribute("data-action")).toList());
    }

    /** An attribute of an element the live refresh may replace at any moment: found afresh until read. */
    private static String attribute(By target, String name) {
        return wait(WAIT).until(d -> d.findElement(target).getAttribute(name));
    }

    private static String text(By target) {
        return wait(WAIT).until(d -> d.findElement(target).getText());
    }

    private void scrollTo(By target) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});",
                browser.findElement(target));
    }

    /** A marker in the page's window; a reload would wipe it. */
    private void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.alxItMarker = 'still-here';");
    }

    private boolean pageNotReloaded() {
        return "still-here".equals(((JavascriptExecutor) browser).executeScript("return window.alxItMarker;"));
    }

    private static long number(WebDriver driver, String css) {
        try {
            List<WebElement> found = driver.findElements(By.cssSelector(css));
            return found.isEmpty() ? 0 : Long.parseLong(found.get(0).getText().trim());
        } catch (StaleElementReferenceException | NumberFormatException e) {
            return 0;
        }
    }

    private static WebDriverWait wait(Duration timeout) {
        return AdminBrowser.waitOn(browser, timeout);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static SyncSettings storedSettings() throws SQLException {
        return new SettingsStore(database.database()).current();
    }

    private static Optional<LockState> lockState() {
        return new SyncLock(database.database(), SyncLock.DEFAULT_STALE_SECONDS).state();
    }

    /** Writes the lock rows as another node's live (or, with an age, stale) lock. */
    private static void holdLockAsAnotherNode(long ageSeconds) throws SQLException {
        database.execute("DELETE FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api'"
                + " AND name IN ('sync_task_lock', 'sync_task_lock_holder')");
        long heartbeat = Instant.now().getEpochSecond() - ageSeconds;
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api', ?, ?)")) {
            insert.setString(1, "sync_task_lock");
            insert.setString(2, Long.toString(heartbeat));
            insert.executeUpdate();
            insert.setString(1, "sync_task_lock_holder");
            insert.setString(2, "other-node|other-incarnation|77|" + heartbeat);
            insert.executeUpdate();
        }
    }
}
