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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.NoSuchElementException;

/**
 * Checks every JSON request body before a resource reads it: malformed JSON, or JSON nested
 * deeper than {@value #MAX_DEPTH} levels, answers 400 and reaches no resource. The check streams
 * (it builds no tree), because building one recurses per level: a body of a few thousand
 * brackets overflowed the thread's stack in the JSON reader and answered 500. The body is
 * already bounded by {@link RequestBodyLimit}, which runs first.
 */
@Provider
@Priority(Priorities.USER + 50)
public class JsonBodyCheck implements ContainerRequestFilter {

    static final int MAX_DEPTH = 16;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        MediaType type = request.getMediaType();
        if (!request.hasEntity() || type == null || !isJson(type)) {
            return;
        }
        byte[] body = request.getEntityStream().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.isBlank()) {
            check(text);
        }
        request.setEntityStream(new ByteArrayInputStream(body));
    }

    static boolean isJson(MediaType type) {
        return type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.getSubtype().endsWith("+json");
    }

    /** Refuses malformed or too deeply nested JSON with 400; the text is one JSON value otherwise. */
    static void check(String text) {
        int depth = 0;
        try (JsonParser parser = Json.createParser(new StringReader(text))) {
            while (parser.hasNext()) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_ARRAY || event == JsonParser.Event.START_OBJECT) {
                    if (++depth > MAX_DEPTH) {
                        throw ApiError.badRequest("The request body nests JSON deeper than " + MAX_DEPTH
                                + " levels; nothing was done.");
                    }
                } else if (event == JsonParser.Event.END_ARRAY || event == JsonParser.Event.END_OBJECT) {
                    depth--;
                }
            }
        } catch (JsonException | IllegalStateException | NoSuchElementException e) {
            throw ApiError.badRequest("The request body is not valid JSON; nothing was done.");
        }
    }
}
