package alx.reportapi.webservice;

import alx.reportapi.observe.AnsweredRequest;
import alx.reportapi.observe.AnsweredRequests;
import alx.reportapi.observe.ReportApiMetrics;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.ReportZone;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Moodle's REST server path, {@code webservice/rest/server.php}, for the plugin's function
 * (README, Behavior 18). GET and POST (form-encoded or multipart) as Moodle takes them; every
 * answer, errors included, is HTTP 200 with Moodle's headers. Every call goes to the report API's
 * request log (README, Behavior 24) under {@link #ENDPOINT}, with the Moodle error code it was
 * answered with, and to the report API's metrics as endpoint {@code compat}.
 */
@WebServlet(urlPatterns = "/webservice/rest/server.php")
public class WebServiceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String SETTING_PREFIX = "moodlewssetting";
    /**
     * The request log's endpoint for these calls. Their token is Moodle's, not a report token, so
     * the entry's token id stays empty.
     */
    static final String ENDPOINT = "webservice/rest/server.php";

    @Inject
    transient ReportServices services;

    @Inject
    transient AnsweredRequests answered;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        WebServiceCall call = call(request);
        CompatAnswer answer;
        try {
            answer = new CourseProgressFunction(services.database(), ReportZone.configured()).answer(call);
        } catch (RuntimeException e) {
            // A fault of this server's own: the container answers 500, and the alerts must see it.
            answered.failed(ReportApiMetrics.Endpoint.COMPAT, "internal", started);
            throw e;
        }
        RestFormat format = RestFormat.of(call.format());
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Content-Type", format.contentType());
        if (format == RestFormat.XML) {
            response.setHeader("Content-Disposition", "inline; filename=\"response.xml\"");
        }
        response.setHeader("Cache-Control", "private, must-revalidate, pre-check=0, post-check=0, max-age=0");
        response.setHeader("Expires", "Thu, 01 Jan 1970 00:00:00 GMT");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Accept-Ranges", "none");
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        MoodleException error = answer.error();
        answered.answered(new AnsweredRequest(UUID.randomUUID().toString(), ReportApiMetrics.Endpoint.COMPAT,
                ENDPOINT, HttpServletResponse.SC_OK, outcome(error), error == null ? null : error.errorCode(),
                error != null && error.rateLimited() ? ReportApiMetrics.Limit.DAILY : null, null, answer.companyId(),
                answer.rows(), request.getRemoteAddr()), started);
    }

    /** The HTTP status class the error would have had, were Moodle's errors not all HTTP 200. */
    private static ReportApiMetrics.Outcome outcome(MoodleException error) {
        if (error == null) {
            return ReportApiMetrics.Outcome.SUCCESS;
        }
        if (error.rateLimited()) {
            return ReportApiMetrics.Outcome.RATE_LIMITED;
        }
        return error.serverFault() ? ReportApiMetrics.Outcome.SERVER_ERROR : ReportApiMetrics.Outcome.CLIENT_ERROR;
    }

    static WebServiceCall call(HttpServletRequest request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String token = null;
        String function = null;
        String format = null;
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String[] values = entry.getValue();
            String value = values.length == 0 ? "" : values[values.length - 1];
            switch (entry.getKey()) {
                case "wstoken" -> token = value;
                case "wsfunction" -> function = value;
                case "moodlewsrestformat" -> format = value;
                default -> {
                    if (!entry.getKey().startsWith(SETTING_PREFIX)) {
                        parameters.put(entry.getKey(), value);
                    }
                }
            }
        }
        String authorization = request.getHeader("Authorization");
        String bearer = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : "";
        return new WebServiceCall(request.getMethod(), token, function, format, parameters, bearer,
                request.getRemoteAddr());
    }
}
