package alx.reportapi.api;

import java.util.regex.Pattern;

/**
 * Validation of path and query parameters, so that bad input is a clear 400 and never a 500.
 * Numbers are ASCII digits only: Java's parsers also read other scripts' digits ("１２"), which
 * no client means to send.
 */
final class Parameters {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,19}");

    private Parameters() {
    }

    static long executionId(String raw) {
        return positiveId(raw, "'" + shorten(raw) + "' is not a run id: use the positive executionId that"
                + " POST /api/sync/runs returned.");
    }

    /** A positive id from a path, or 400 with {@code refusal}. */
    static long positiveId(String raw, String refusal) {
        try {
            long id = parse(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ApiError.badRequest(refusal);
    }

    private static long parse(String raw) {
        if (raw == null || !WHOLE_NUMBER.matcher(raw.trim()).matches()) {
            throw new NumberFormatException("not a whole number");
        }
        return Long.parseLong(raw.trim());
    }

    static int bounded(String raw, String name, int min, int max, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = parse(raw);
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ApiError.badRequest("'" + shorten(raw) + "' is not a valid " + name + ": use a whole number from "
                + min + " to " + max + ".");
    }

    static String shorten(String raw) {
        String text = String.valueOf(raw);
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
