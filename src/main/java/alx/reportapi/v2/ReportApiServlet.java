package alx.reportapi.v2;

import alx.reportapi.Plugin;
import alx.reportapi.observe.AnsweredRequest;
import alx.reportapi.observe.AnsweredRequests;
import alx.reportapi.observe.ReportApiMetrics;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.RequestQuota;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries the report API over HTTP at {@code api/v2/reports/*} (README, Behaviors 24 and 25), logs
 * every request with its token, company, resource, status, rows and duration, and counts it in the
 * report API's metrics.
 */
@WebServlet(urlPatterns = "/api/v2/reports/*")
public class ReportApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ReportApiServlet.class.getName());

    /** The OpenAPI document of the report API, beside its resources. */
    public static final String OPENAPI = "openapi.json";

    @Inject
    transient ReportServices services;

    @Inject
    transient AnsweredRequests answered;

    /** The OpenAPI document as the product ships it. */
    public static byte[] openApiDocument() throws IOException {
        try (var in = ReportApiServlet.class.getResourceAsStream(OPENAPI)) {
            if (in == null) {
                throw new IOException("the WAR lacks alx/reportapi/v2/" + OPENAPI);
            }
            return in.readAllBytes();
        }
    }

    private static ReportApiMetrics.Endpoint endpoint(String resource) {
        return switch (resource) {
            case "course-progress" -> ReportApiMetrics.Endpoint.SNAPSHOT;
            case "course-progress/changes" -> ReportApiMetrics.Endpoint.CHANGES;
            case "whoami" -> ReportApiMetrics.Endpoint.WHOAMI;
            default -> ReportApiMetrics.Endpoint.UNKNOWN_RESOURCE;
        };
    }

    private static ReportApiMetrics.Limit limit(RequestQuota.Scope refusedBy) {
        if (refusedBy == null) {
            return null;
        }
        return refusedBy == RequestQuota.Scope.TOKEN ? ReportApiMetrics.Limit.PER_MINUTE : ReportApiMetrics.Limit.DAILY;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String resource = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        if (resource.equals(OPENAPI) && "GET".equals(request.getMethod())) {
            // The API's description is public: a client reads it before it has a token.
            response.setHeader("Content-Type", "application/json");
            response.getOutputStream().write(openApiDocument());
            return;
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        ApiAnswer answer;
        try {
            answer = new ReportApi(services.database(), services.tokens(), services.signingKey(),
                    ReportZone.configured(), ReportApi.DEFAULT_SETTLE_SECONDS).answer(new ApiRequest(request.getMethod(),
                    resource, parameters, request.getHeader("Authorization"), request.getRemoteAddr()), requestId);
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "report API request " + requestId + " failed", e);
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            answered.failed(endpoint(resource), "unavailable", started);
            return;
        } catch (RuntimeException e) {
            // The API's parts could not be made (its persistence unit, its tokens): the container answers 500.
            answered.failed(endpoint(resource), "internal", started);
            throw e;
        }
        response.setStatus(answer.status());
        response.setHeader("Content-Type", answer.contentType());
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Request-Id", requestId);
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.length());
        answer.writeBody(response.getOutputStream());
        answered.answered(new AnsweredRequest(requestId, endpoint(resource), resource, answer.status(),
                ReportApiMetrics.Outcome.ofStatus(answer.status()), answer.errorCode(), limit(answer.refusedBy()),
                answer.tokenId(), answer.companyId(), answer.rows(), request.getRemoteAddr()), started);
    }
}
