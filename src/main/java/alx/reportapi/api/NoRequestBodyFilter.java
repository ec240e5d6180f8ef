package alx.reportapi.api;

import jakarta.annotation.Priority;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a body sent to an action that takes none ({@link NoRequestBody}): malformed JSON or
 * JSON with content answers 400, a body of another media type 415, and the action is never
 * reached. Nothing, or an empty JSON object, is accepted, which is what scripts and the admin
 * page send. Runs after the access check, after {@link RequestBodyLimit} bounds the body and
 * after {@link JsonBodyCheck} refused malformed JSON.
 */
@Provider
@NoRequestBody
@Priority(Priorities.USER + 100)
public class NoRequestBodyFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (!request.hasEntity()) {
            return;
        }
        String body = new String(request.getEntityStream().readAllBytes(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !JsonBodyCheck.isJson(type)) {
            throw ApiError.of(415, "This action takes no request body; send none, or an empty JSON object"
                    + " with Content-Type: application/json. Nothing was done.");
        }
        JsonBodyCheck.check(body);
        if (!isEmptyObject(body)) {
            throw ApiError.badRequest("This action takes no options, but the body has some: send no body, or {}."
                    + " Nothing was done.");
        }
    }

    private static boolean isEmptyObject(String body) {
        try (JsonParser parser = Json.createParser(new StringReader(body))) {
            return parser.hasNext() && parser.next() == JsonParser.Event.START_OBJECT
                    && parser.hasNext() && parser.next() == JsonParser.Event.END_OBJECT && !parser.hasNext();
        } catch (JsonException | IllegalStateException e) {
            return false;
        }
    }
}
