package alx.reportapi.it;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * The steps both browser tests take on the admin pages: signing in, and clicking and typing into
 * elements that a live refresh or a form post may replace at any moment.
 */
final class AdminBrowser {

    private AdminBrowser() {
    }

    /**
     * Waits ignoring an element's document replaced while it was read: the pages post forms and
     * refresh themselves, and Chromium then answers either a stale element or an unknown error
     * ("Node with given id does not belong to the document"). One that lasts still fails at the
     * timeout, with it as the cause.
     */
    static WebDriverWait waitOn(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class).ignoring(WebDriverException.class);
        return wait;
    }

    /** Submits the login form at {@code loginPage}; what the server answers is for the caller to check. */
    static void logIn(WebDriver browser, URI loginPage, String user, String password, Duration timeout) {
        browser.get(loginPage.toString());
        WebElement name = waitOn(browser, timeout)
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("login:username")));
        name.clear();
        name.sendKeys(user);
        browser.findElement(By.id("login:password")).sendKeys(password);
        browser.findElement(By.id("login:submit")).click();
    }

    /** Clicks, finding the element again when the page replaced it between finding and clicking. */
    static void click(WebDriver browser, By target, Duration timeout) {
        waitOn(browser, timeout).until(d -> {
            d.findElement(target).click();
            return true;
        });
    }

    /** Replaces a visible field's text. */
    static void type(WebDriver browser, By field, String value, Duration timeout) {
        WebElement input = waitOn(browser, timeout).until(ExpectedConditions.visibilityOfElementLocated(field));
        input.clear();
        input.sendKeys(value);
    }

    /** A password no one could guess, made for one test class's deployment. */
    static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
