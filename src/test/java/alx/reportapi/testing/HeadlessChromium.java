package alx.reportapi.testing;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Debian Chromium and its chromedriver, headless at laptop width (1366 px), for the admin
 * page's browser tests. Both paths are given explicitly, so Selenium Manager never downloads
 * anything; when Chromium is missing the test fails and says how to install it.
 */
public final class HeadlessChromium {

    public static final Path BROWSER = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));

    /**
     * Runs in every document before the page's own scripts (through the DevTools protocol, which the
     * page's content security policy does not govern) and keeps each {@code securitypolicyviolation}
     * the document reports in the tab's session storage, so violations survive the navigations of a
     * test until it reads them.
     */
    private static final String VIOLATION_RECORDER = """
            document.addEventListener("securitypolicyviolation", function (e) {
                var kept = JSON.parse(sessionStorage.getItem("alx-csp-violations") || "[]");
                kept.push(e.effectiveDirective + " refused " + (e.blockedURI || "inline") + " at "
                    + e.documentURI + " (" + (e.sourceFile || "") + ":" + e.lineNumber + ")");
                sessionStorage.setItem("alx-csp-violations", JSON.stringify(kept));
            }, true);
            """;

    private HeadlessChromium() {
    }

    public static WebDriver start() {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The browser tests need Chromium at " + BROWSER + " and chromedriver at "
                    + DRIVER + ". Install them with: apt-get install -y chromium chromium-driver (.ci/run does).");
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90)).scriptTimeout(Duration.ofSeconds(30));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", VIOLATION_RECORDER));
        return driver;
    }

    /**
     * The content security policy violations the current tab's documents of this origin reported
     * since the last call, which forgets them.
     */
    @SuppressWarnings("unchecked")
    public static List<String> takePolicyViolations(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                var kept = JSON.parse(sessionStorage.getItem("alx-csp-violations") || "[]");
                sessionStorage.removeItem("alx-csp-violations");
                return kept;
                """);
    }

    /**
     * What of the current page would run as inline code: script elements without a source and
     * elements with an event handler attribute ({@code onclick}, {@code onchange}, ...).
     */
    @SuppressWarnings("unchecked")
    public static List<String> inlineScripts(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("""
                var found = [];
                document.querySelectorAll("script:not([src])").forEach(function (script) {
                    found.push("script: " + script.textContent.slice(0, 80));
                });
                document.querySelectorAll("*").forEach(function (element) {
                    Array.prototype.forEach.call(element.attributes, function (attribute) {
                        if (attribute.name.indexOf("on") === 0) {
                            found.push(element.tagName + "#" + element.id + " " + attribute.name + "="
                                + attribute.value.slice(0, 80));
                        }
                    });
                });
                return found;
                """);
    }

    /** Saves what the browser shows as {@code <build dir>/screenshots/<name>.png}, a test artifact. */
    public static Path screenshot(WebDriver driver, String name) {
        Path dir = Path.of(System.getProperty("it.war", "target/alx-report-api.war")).toAbsolutePath().getParent()
                .resolve("screenshots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save screenshot " + name, e);
        }
    }
}
