package alx.reportapi.bench;

import alx.reportapi.it.PayaraMicroNode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A report API client that reads a company's snapshot page by page over real HTTP, as the Power BI
 * code of docs/REPORT_API.md does: each page's body is parsed in full, and its keys must follow the
 * previous page's in (userid, courseid) order, so a row repeated or out of order fails the pass.
 */
final class SnapshotClient {

    /** The page size of docs/REPORT_API.md's Power BI code and the API's default. */
    static final int DEFAULT_PAGE_SIZE = 1000;
    /** A pass of this many pages has not ended: bounds every pass. */
    private static final int MAX_PAGES = 100_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final PayaraMicroNode node;
    private final String token;
    private final int pageSize;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    SnapshotClient(PayaraMicroNode node, String token, int pageSize) {
        this.node = node;
        this.token = token;
        this.pageSize = pageSize;
    }

    /** One read of the whole snapshot; every page's latency goes to {@code latencies}. */
    Pass pass(Latencies latencies) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long rows = 0;
        int pages = 0;
        long lastUser = 0;
        long lastCourse = 0;
        String cursor = null;
        String lastPageCursor = null;
        do {
            lastPageCursor = cursor;
            long pageStart = System.nanoTime();
            JsonObject page = page(cursor);
            latencies.add(System.nanoTime() - pageStart);
            JsonArray data = page.getJsonArray("data");
            for (JsonValue value : data) {
                JsonObject row = value.asJsonObject();
                long user = row.getJsonNumber("userid").longValue();
                long course = row.getJsonNumber("courseid").longValue();
                if (user < lastUser || (user == lastUser && course <= lastCourse)) {
                    throw new IllegalStateException("row (" + user + ", " + course + ") came after (" + lastUser
                            + ", " + lastCourse + ") in page " + (pages + 1));
                }
                lastUser = user;
                lastCourse = course;
            }
            rows += data.size();
            pages++;
            cursor = page.isNull("next_cursor") ? null : page.getString("next_cursor");
        } while (cursor != null && pages < MAX_PAGES);
        if (cursor != null) {
            throw new IllegalStateException("the snapshot did not end within " + MAX_PAGES + " pages");
        }
        return new Pass(rows, pages, (System.nanoTime() - start) / 1e9, lastPageCursor);
    }

    /** A page: the first when {@code cursor} is null. */
    JsonObject page(String cursor) throws IOException, InterruptedException {
        String query = "page_size=" + pageSize + (cursor == null ? ""
                : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("api/v2/reports/course-progress?"
                + query)).header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the snapshot answered " + response.statusCode() + ": " + response.body());
        }
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    /**
     * A whole read: its rows, pages and seconds, and the cursor of its last page (null when the
     * snapshot is one page), to time that page again.
     */
    record Pass(long rows, int pages, double seconds, String lastPageCursor) {

        double rowsPerSecond() {
            return rows / seconds;
        }
    }
}
