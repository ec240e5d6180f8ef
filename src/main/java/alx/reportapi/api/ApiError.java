package alx.reportapi.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request: its HTTP status and a message that says what was wrong and what to do,
 * rendered as {@code {"status": 409, "error": "…"}} plus any details.
 */
public final class ApiError extends WebApplicationException {

    private ApiError(int status, String message, Map<String, Object> details) {
        super(message, body(status, message, details));
    }

    public static ApiError of(int status, String message) {
        return new ApiError(status, message, Map.of());
    }

    public static ApiError of(int status, String message, Map<String, Object> details) {
        return new ApiError(status, message, details);
    }

    public static ApiError notFound(String message) {
        return of(404, message);
    }

    public static ApiError badRequest(String message) {
        return of(400, message);
    }

    public static ApiError conflict(String message) {
        return of(409, message);
    }

    static Response body(int status, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("error", message);
        body.putAll(details);
        Response.ResponseBuilder builder = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (status == 401) {
            builder.header("WWW-Authenticate", "Bearer realm=\"local_alx_report_api\"");
        }
        return builder.build();
    }
}
