package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.schedule.SyncTimer;
import alx.reportapi.settings.InvalidSettingException;
import alx.reportapi.settings.SettingView;
import alx.reportapi.settings.SettingsStore;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Every setting with its value, default, range and description; and changing one. */
@Path("settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    @Inject
    Database database;

    @Inject
    SyncTimer timer;

    @GET
    public List<SettingView> all() throws SQLException {
        return new SettingsStore(database).describe();
    }

    /**
     * Body {@code {"value": …}}; 200 with the stored value, or 400 with the reason and nothing
     * changed. The body is read as text and parsed here ({@link JsonBodyCheck} has refused
     * malformed JSON already): JSON that is not an object then gets its 400 too, where the JSON
     * reader of the runtime answered 500 for {@code []} or {@code 42}.
     */
    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> change(@PathParam("name") String name, String text) throws SQLException {
        JsonObject body = object(text);
        if (body == null || !body.containsKey("value")) {
            throw ApiError.badRequest("Send a JSON object with the new value, like {\"value\": 300}.");
        }
        if (body.size() != 1) {
            throw ApiError.badRequest("Send only {\"value\": …}; other fields are not understood.");
        }
        String raw = text(body.get("value"));
        Object stored;
        try {
            stored = new SettingsStore(database).save(name, raw);
        } catch (InvalidSettingException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        // The timer reads the schedule and the switch; changes apply without a redeploy.
        timer.reschedule();
        return Map.of("name", name, "value", stored);
    }

    private static JsonObject object(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonBodyCheck.check(text);
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonObject object ? object : null;
        } catch (JsonException e) {
            throw ApiError.badRequest("The request body is not valid JSON; nothing was done.");
        }
    }

    private static String text(JsonValue value) {
        return switch (value.getValueType()) {
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).toString();
            case TRUE -> "1";
            case FALSE -> "0";
            default -> throw ApiError.badRequest("The value must be a string, a number or a boolean.");
        };
    }
}
