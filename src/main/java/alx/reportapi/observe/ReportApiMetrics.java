package alx.reportapi.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;

/**
 * The report API's meters, for both doors (README, Behaviors 18 and 24): requests by endpoint and
 * outcome class, their latency as a histogram, rows served, rate-limit refusals by limit, and
 * errors by their error code. The compatible endpoint answers every error with HTTP 200, so its
 * outcome class comes from its Moodle error code. Every endpoint's series exist from the start at
 * zero, so a rate over them is defined before the first request.
 */
@ApplicationScoped
public class ReportApiMetrics {

    /** Where a request came in; a bounded set, so a client's path cannot make new series. */
    public enum Endpoint {
        SNAPSHOT, CHANGES, WHOAMI, UNKNOWN_RESOURCE, COMPAT;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How a request ended, as HTTP status classes; a refused quota is apart from other 4xx. */
    public enum Outcome {
        SUCCESS("2xx"), CLIENT_ERROR("4xx"), RATE_LIMITED("429"), SERVER_ERROR("5xx");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public static Outcome ofStatus(int status) {
            if (status == 429) {
                return RATE_LIMITED;
            }
            return status >= 500 ? SERVER_ERROR : status >= 400 ? CLIENT_ERROR : SUCCESS;
        }
    }

    /** Which limit refused a request: the token's per minute or the company's per day. */
    public enum Limit {
        PER_MINUTE, DAILY;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private MeterRegistry registry;

    /** For the CDI proxy only. */
    protected ReportApiMetrics() {
    }

    @Inject
    public ReportApiMetrics(ProductMeters meters) {
        this(meters.registry());
    }

    public ReportApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Endpoint endpoint : Endpoint.values()) {
            for (Outcome outcome : Outcome.values()) {
                requests(endpoint, outcome);
            }
            latency(endpoint);
            rowsServed(endpoint);
        }
        for (Endpoint endpoint : new Endpoint[] {Endpoint.SNAPSHOT, Endpoint.CHANGES, Endpoint.WHOAMI}) {
            rateLimited(endpoint, Limit.PER_MINUTE);
        }
        for (Endpoint endpoint : new Endpoint[] {Endpoint.SNAPSHOT, Endpoint.CHANGES, Endpoint.COMPAT}) {
            rateLimited(endpoint, Limit.DAILY);
        }
    }

    /**
     * Makes the bean, and so its series, when the application starts: a scrape before the first
     * report API request sees them at zero.
     */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // Delivering the event made the bean; the constructor registered the series.
    }

    /**
     * Records one answered request.
     *
     * @param errorCode the v2 problem's or the Moodle error's code, null on success
     * @param refusedBy the limit that refused it, null unless it was refused for its rate
     */
    public void answered(Endpoint endpoint, Outcome outcome, String errorCode, Limit refusedBy, int rows,
            Duration took) {
        requests(endpoint, outcome).increment();
        latency(endpoint).record(took);
        rowsServed(endpoint).increment(rows);
        if (errorCode != null) {
            Counter.builder("alx_report_api_errors").description("Report API requests answered with an error, by"
                    + " its error code").tag("endpoint", endpoint.label()).tag("errorcode", errorCode)
                    .register(registry).increment();
        }
        if (refusedBy != null) {
            rateLimited(endpoint, refusedBy).increment();
        }
    }

    private Counter requests(Endpoint endpoint, Outcome outcome) {
        return Counter.builder("alx_report_api_requests").description("Report API requests by endpoint and outcome"
                + " class; the compatible endpoint's errors are classed by their Moodle error code")
                .tag("endpoint", endpoint.label()).tag("outcome", outcome.label).register(registry);
    }

    private Timer latency(Endpoint endpoint) {
        return Timer.builder("alx_report_api_request_duration").description("Time from a report API request's"
                + " arrival to its answer written").tag("endpoint", endpoint.label())
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    private Counter rowsServed(Endpoint endpoint) {
        return Counter.builder("alx_report_api_rows_served").description("Reporting rows (or changes) in report API"
                + " answers").tag("endpoint", endpoint.label()).register(registry);
    }

    private Counter rateLimited(Endpoint endpoint, Limit limit) {
        return Counter.builder("alx_report_api_rate_limited").description("Report API requests refused by a rate"
                + " limit: a token's per minute or a company's daily quota").tag("endpoint", endpoint.label())
                .tag("limit", limit.label()).register(registry);
    }
}
