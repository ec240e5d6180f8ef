package alx.reportapi.it;

import alx.reportapi.security.PasswordHash;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.HeadlessChromium;
import alx.reportapi.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin page's report API section in a real headless Chromium: a company's report settings
 * switched and saved as whole integers, a refused value that saves nothing, a token issued and
 * shown once, used by a client (its last use then listed), and revoked.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ReportApiAdminPageIT {

    private static final String USER = "report-admin";
    private static final String PASSWORD = AdminBrowser.randomPassword();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private static TestDatabase database;
    private static WebDriver browser;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("reportadmin");
        GeneratedMoodle.load(database.database(), 29, 0.01);
        return Deployments.builtWar(database, Map.of("ALX_ADMIN_USER", USER,
                "ALX_ADMIN_PASSWORD_HASH", PasswordHash.of(PASSWORD.toCharArray()).encoded()));
    }

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void anAdminSetsACompanysReportSettingsAndIssuesUsesAndRevokesAToken() throws Exception {
        AdminBrowser.logIn(browser, uri("admin/login.xhtml"), USER, PASSWORD, WAIT);
        click(By.id("nav-report-api"));
        wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("reportSettings:save")));
        assertEquals(List.of(), HeadlessChromium.inlineScripts(browser), "the content security policy admits none");
        long company = Long.parseLong(browser.findElement(By.id("company:choice")).getAttribute("value"));

        checkbox("field_email").click();
        WebElement firstCourse = browser.findElement(By.cssSelector("input[data-setting^='course_']"));
        String course = firstCourse.getAttribute("data-setting");
        firstCourse.click();
        set(By.id("reportSettings:rateLimit"), "500");
        click(By.id("reportSettings:save"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "saved"));
        assertEquals(0, setting(company, "field_email"));
        assertEquals(0, setting(company, course));
        assertEquals(500, setting(company, "rate_limit"), "a value the plugin's TINYINT could not hold");
        assertEquals(1, setting(company, "field_username"));
        HeadlessChromium.screenshot(browser, "report-api-settings");

        set(By.id("reportSettings:rateLimit"), "-3");
        click(By.id("reportSettings:save"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "Not saved"));
        assertEquals(500, setting(company, "rate_limit"), "a refused value changes nothing");

        set(By.id("issue:label"), "Power BI finance");
        click(By.id("issue:issueButton"));
        String token = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("issued-token")))
                .getText().trim();
        assertTrue(token.startsWith("alx_"), token);
        HeadlessChromium.screenshot(browser, "report-api-token-issued");
        HttpResponse<String> whoami = whoami(token);
        assertEquals(200, whoami.statusCode(), whoami.body());
        assertTrue(whoami.body().contains("\"company_id\":" + company), whoami.body());
        assertTrue(!whoami.body().contains("\"email\""), "the field switched off is not offered: " + whoami.body());

        click(By.id("company:show"));
        String publicId = token.substring(4, 12);
        WebElement row = wait(WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("tr[data-token='" + publicId + "']")));
        assertTrue(row.findElement(By.className("last-used")).getText().contains("from"), row.getText());
        assertTrue(!browser.getPageSource().contains(token.substring(13)), "the secret is shown only once");
        click(By.cssSelector("input[data-revoke='" + publicId + "']"));
        wait(WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.id("messages"), "revoked"));
        assertEquals(401, whoami(token).statusCode());
        assertEquals(1, database.count("SELECT COUNT(*) FROM mdl_local_alx_api_report_tokens WHERE revoked_at IS NOT NULL"));
        assertEquals(3, database.count("SELECT COUNT(*) FROM mdl_local_alx_api_audit WHERE action IN ('report_settings_saved',"
                + " 'report_token_issue', 'report_token_revoke')"));
        assertEquals(List.of(), HeadlessChromium.takePolicyViolations(browser),
                "the section's forms worked under the content security policy, which refused nothing");
    }

    private HttpResponse<String> whoami(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("api/v2/reports/whoami")).header("Authorization", "Bearer " + token)
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static WebElement checkbox(String setting) {
        return browser.findElement(By.cssSelector("input[data-setting='" + setting + "']"));
    }

    private void set(By field, String value) {
        AdminBrowser.type(browser, field, value, WAIT);
    }

    private void click(By target) {
        AdminBrowser.click(browser, target, WAIT);
    }

    private static WebDriverWait wait(Duration timeout) {
        return AdminBrowser.waitOn(browser, timeout);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private static long setting(long company, String name) throws SQLException {
        return database.count("SELECT setting_value FROM mdl_local_alx_api_report_settings WHERE companyid = " + company
                + " AND setting_name = '" + name + "'");
    }
}
