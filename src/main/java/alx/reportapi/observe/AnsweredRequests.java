package alx.reportapi.observe;

import alx.reportapi.Plugin;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.RequestLogEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what became of a report API request, for both doors (README, Behaviors 18 and 24): an
 * answered one in the report API's metrics and in the request log, one the server failed before it
 * had an answer in the metrics as a server error. The client already has its answer, so a log
 * entry that cannot be written is a warning, never a failure of the request.
 */
@ApplicationScoped
public class AnsweredRequests {

    private static final Logger LOG = Logger.getLogger(AnsweredRequests.class.getName());
    private static final int MAX_LOGGED_ENDPOINT_CHARS = 100;

    @Inject
    ReportApiMetrics metrics;

    @Inject
    ReportServices services;

    /** Records a request answered at the end of its body, {@code startedNanos} being its {@link System#nanoTime()} on arrival. */
    public void answered(AnsweredRequest request, long startedNanos) {
        Duration took = since(startedNanos);
        metrics.answered(request.endpoint(), request.outcome(), request.errorCode(), request.refusedBy(),
                request.rows(), took);
        String endpoint = request.loggedEndpoint();
        try {
            services.requestLog().record(new RequestLogEntry(request.requestId(), request.tokenId(),
                    request.companyId(), endpoint.length() <= MAX_LOGGED_ENDPOINT_CHARS ? endpoint
                            : endpoint.substring(0, MAX_LOGGED_ENDPOINT_CHARS), request.httpStatus(),
                    request.errorCode(), request.rows(), (int) Math.min(Integer.MAX_VALUE, took.toMillis()),
                    request.clientIp(), System.currentTimeMillis() / 1000));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "report API request " + request.requestId() + " ("
                    + endpoint + ") was answered but not logged", e);
        }
    }

    /** Counts a request the server failed without an answer of the API's own (the container answers it). */
    public void failed(ReportApiMetrics.Endpoint endpoint, String errorCode, long startedNanos) {
        metrics.answered(endpoint, ReportApiMetrics.Outcome.SERVER_ERROR, errorCode, null, 0, since(startedNanos));
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
