package alx.reportapi.observe;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The report API's meters as Prometheus renders them: the names and labels the alert rules and the
 * dashboard in docs/monitoring use, every endpoint's series present at zero before any request, and
 * each kind of answer moving the series it should and no other.
 */
class ReportApiMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ReportApiMetrics metrics = new ReportApiMetrics(registry);

    @Test
    void everyEndpointsSeriesExistAtZeroBeforeAnyRequest() {
        Map<String, Double> scraped = scrape();
        for (String endpoint : new String[] {"snapshot", "changes", "whoami", "unknown_resource", "compat"}) {
            for (String outcome : new String[] {"2xx", "4xx", "429", "5xx"}) {
                assertEquals(0.0, scraped.get("alx_report_api_requests_total{endpoint=\"" + endpoint
                        + "\",outcome=\"" + outcome + "\"}"), endpoint + " " + outcome + " in " + scraped.keySet());
            }
            assertEquals(0.0, scraped.get("alx_report_api_rows_served_total{endpoint=\"" + endpoint + "\"}"));
            assertEquals(0.0, scraped.get("alx_report_api_request_duration_seconds_count{endpoint=\"" + endpoint
                    + "\"}"));
        }
        assertEquals(0.0, scraped.get("alx_report_api_rate_limited_total{endpoint=\"whoami\",limit=\"per_minute\"}"));
        assertEquals(0.0, scraped.get("alx_report_api_rate_limited_total{endpoint=\"compat\",limit=\"daily\"}"));
        assertNull(scraped.get("alx_report_api_rate_limited_total{endpoint=\"compat\",limit=\"per_minute\"}"),
                "the compatible endpoint has no per-minute limit");
    }

    @Test
    void aServedPageCountsItsRowsAndLatencyAndARefusalItsLimit() {
        metrics.answered(ReportApiMetrics.Endpoint.SNAPSHOT, ReportApiMetrics.Outcome.ofStatus(200), null, null, 25,
                Duration.ofMillis(70));
        metrics.answered(ReportApiMetrics.Endpoint.SNAPSHOT, ReportApiMetrics.Outcome.ofStatus(429), "rate_limited",
                ReportApiMetrics.Limit.DAILY, 0, Duration.ofMillis(3));
        metrics.answered(ReportApiMetrics.Endpoint.COMPAT, ReportApiMetrics.Outcome.CLIENT_ERROR, "invalidtoken", null,
                0, Duration.ofMillis(4));
        Map<String, Double> scraped = scrape();
        assertEquals(1.0, scraped.get("alx_report_api_requests_total{endpoint=\"snapshot\",outcome=\"2xx\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_requests_total{endpoint=\"snapshot\",outcome=\"429\"}"));
        assertEquals(0.0, scraped.get("alx_report_api_requests_total{endpoint=\"snapshot\",outcome=\"4xx\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_requests_total{endpoint=\"compat\",outcome=\"4xx\"}"));
        assertEquals(25.0, scraped.get("alx_report_api_rows_served_total{endpoint=\"snapshot\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_rate_limited_total{endpoint=\"snapshot\",limit=\"daily\"}"));
        assertEquals(0.0, scraped.get("alx_report_api_rate_limited_total{endpoint=\"snapshot\",limit=\"per_minute\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_errors_total{endpoint=\"snapshot\",errorcode=\"rate_limited\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_errors_total{endpoint=\"compat\",errorcode=\"invalidtoken\"}"));
        assertEquals(2.0, scraped.get("alx_report_api_request_duration_seconds_count{endpoint=\"snapshot\"}"));
        assertEquals(1.0, scraped.get("alx_report_api_request_duration_seconds_bucket{endpoint=\"snapshot\","
                + "le=\"0.05\"}"), "the 3 ms refusal is under 50 ms, the 70 ms page is not");
        assertEquals(2.0, scraped.get("alx_report_api_request_duration_seconds_bucket{endpoint=\"snapshot\","
                + "le=\"0.1\"}"));
    }

    @Test
    void statusesFallIntoTheirClasses() {
        assertEquals(ReportApiMetrics.Outcome.SUCCESS, ReportApiMetrics.Outcome.ofStatus(200));
        assertEquals(ReportApiMetrics.Outcome.CLIENT_ERROR, ReportApiMetrics.Outcome.ofStatus(410));
        assertEquals(ReportApiMetrics.Outcome.RATE_LIMITED, ReportApiMetrics.Outcome.ofStatus(429));
        assertEquals(ReportApiMetrics.Outcome.SERVER_ERROR, ReportApiMetrics.Outcome.ofStatus(503));
    }

    private Map<String, Double> scrape() {
        Map<String, Double> values = new TreeMap<>();
        registry.scrape().lines().filter(line -> line.startsWith("alx_report_api_")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        });
        return values;
    }
}
