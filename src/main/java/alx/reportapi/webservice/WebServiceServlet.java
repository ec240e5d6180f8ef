package alx.reportapi.webservice;

import alx.reportapi.db.Database;
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

/**
 * Moodle's REST server path, {@code webservice/rest/server.php}, for the plugin's function
 * (README, Behavior 18). GET and POST (form-encoded or multipart) as Moodle takes them; every
 * answer, errors included, is HTTP 200 with Moodle's headers.
 */
@WebServlet(urlPatterns = "/webservice/rest/server.php")
public class WebServiceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String SETTING_PREFIX = "moodlewssetting";

    @Inject
    transient Database database;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(request, response);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WebServiceCall call = call(request);
        String body = new CourseProgressFunction(database, ReportZone.configured()).answer(call);
        RestFormat format = RestFormat.of(call.format());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
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
