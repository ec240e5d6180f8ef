package alx.reportapi.it;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session without the browser: cookies kept, forms posted with their view state, for
 * tests that send many requests to the admin pages where Chromium would only be slower.
 */
final class AdminHttpSession {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VIEW_STATE = Pattern.compile(
            "name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]+)\"");

    private final URL base;
    private final HttpClient http;

    private AdminHttpSession(URL base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A session with no login yet. */
    static AdminHttpSession anonymous(URL base) {
        return new AdminHttpSession(base);
    }

    /** A session logged in through the login form, as a browser does. */
    static AdminHttpSession loggedIn(URL base, String user, String password) throws IOException, InterruptedException {
        AdminHttpSession session = new AdminHttpSession(base);
        HttpResponse<String> page = session.get("admin/login.xhtml");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", user);
        form.put("login:password", password);
        form.put("login:submit", "Log in");
        form.put("jakarta.faces.ViewState", viewState(page.body()));
        HttpResponse<String> answer = session.postForm("admin/login.xhtml", form);
        if (answer.statusCode() != 302 && answer.statusCode() != 303) {
            throw new IllegalStateException("login refused: " + answer.statusCode() + " " + answer.body());
        }
        return session;
    }

    static String viewState(String html) {
        Matcher matcher = VIEW_STATE.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no view state in the page: " + html);
        }
        return matcher.group(1);
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        String body = fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
