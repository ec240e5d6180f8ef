package alx.reportapi.api;

import alx.reportapi.Plugin;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into a JSON error. Unexpected ones are logged with an incident id that
 * the answer repeats, so an operator can find the stack trace without the client ever seeing it.
 */
@Provider
public class ErrorResponses implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ErrorResponses.class.getName());

    @Override
    public Response toResponse(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiError error) {
                return error.getResponse();
            }
        }
        if (isMalformedBody(thrown)) {
            return ApiError.body(400, "The request body is not valid JSON of the expected shape.", Map.of());
        }
        if (thrown instanceof NotFoundException) {
            return ApiError.body(404, "No such resource.", Map.of());
        }
        if (thrown instanceof NotAllowedException) {
            return ApiError.body(405, "This method is not allowed on this resource.", Map.of());
        }
        if (thrown instanceof NotSupportedException) {
            return ApiError.body(415, "Send the request body as application/json.", Map.of());
        }
        if (thrown instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return ApiError.body(status, "The request was refused (HTTP " + status + ").", Map.of());
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "operations API incident " + incident, thrown);
        return ApiError.body(500, "Internal error; the server log has the details under incident " + incident + ".",
                Map.of("incident", incident));
    }

    private static boolean isMalformedBody(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonException || cause instanceof JsonbException
                    || cause instanceof ProcessingException) {
                return true;
            }
        }
        return false;
    }
}
