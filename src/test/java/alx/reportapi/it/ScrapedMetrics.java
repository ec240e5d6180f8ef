package alx.reportapi.it;

import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The product's samples at {@code /metrics} as a scraper reads them: series (name with labels) to value. */
final class ScrapedMetrics {

    private ScrapedMetrics() {
    }

    static Map<String, Double> of(URL base) throws Exception {
        HttpResponse<String> response = AdminHttpSession.anonymous(base).get("metrics");
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Double> values = new TreeMap<>();
        response.body().lines().filter(line -> line.startsWith("alx_")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return values;
    }

    /** How much a series grew between two scrapes; a series absent from the first counts from zero. */
    static double growth(Map<String, Double> before, Map<String, Double> after, String series) {
        Double now = after.get(series);
        if (now == null) {
            throw new AssertionError("/metrics has no series " + series + "; it has " + after.keySet());
        }
        return now - before.getOrDefault(series, 0.0);
    }
}
