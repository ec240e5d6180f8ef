package alx.reportapi.bench;

import alx.reportapi.it.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the compatible endpoint that pages as the PHP plugin's clients do: POST with
 * {@code limit} and {@code offset}, the offset moved by a page each call, until a page comes back
 * short. Each body is parsed in full; an error object (sent with HTTP 200, as Moodle sends it) fails
 * the pass.
 */
final class CompatClient {

    /** The plugin's largest page ({@code max_records}, default 1000), which its clients use to page fast. */
    static final int LIMIT = 1000;
    private static final int MAX_PAGES = 100_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final PayaraMicroNode node;
    private final String moodleToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    CompatClient(PayaraMicroNode node, String moodleToken) {
        this.node = node;
        this.moodleToken = moodleToken;
    }

    /** One read of the whole report; every call's latency goes to {@code latencies}. */
    OffsetPass pass(Latencies latencies) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long rows = 0;
        int pages = 0;
        int size;
        do {
            long pageStart = System.nanoTime();
            size = page(rows);
            latencies.add(System.nanoTime() - pageStart);
            rows += size;
            pages++;
        } while (size == LIMIT && pages < MAX_PAGES);
        if (size == LIMIT) {
            throw new IllegalStateException("the report did not end within " + MAX_PAGES + " pages");
        }
        return new OffsetPass(rows, pages, (System.nanoTime() - start) / 1e9);
    }

    /** The rows of the page at {@code offset}. */
    int page(long offset) throws IOException, InterruptedException {
        String form = "wstoken=" + URLEncoder.encode(moodleToken, StandardCharsets.UTF_8)
                + "&wsfunction=local_alx_report_api_get_course_progress&moodlewsrestformat=json"
                + "&limit=" + LIMIT + "&offset=" + offset;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("webservice/rest/server.php"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonStructure body = Json.createReader(new StringReader(response.body())).read();
        if (response.statusCode() != 200 || !(body instanceof JsonArray rows)) {
            throw new IllegalStateException("the compatible endpoint answered " + response.statusCode() + ": "
                    + response.body());
        }
        return rows.size();
    }

    /** A whole read by offsets: its rows, calls and seconds. */
    record OffsetPass(long rows, int pages, double seconds) {

        double rowsPerSecond() {
            return rows / seconds;
        }
    }
}
