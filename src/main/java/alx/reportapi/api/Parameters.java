package alx.reportapi.api;

/** Validation of path and query parameters, so that bad input is a clear 400 and never a 500. */
final class Parameters {

    private Parameters() {
    }

    static long executionId(String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw ApiError.badRequest("'" + shorten(raw) + "' is not a run id: use the positive executionId that"
                + " POST /api/sync/runs returned.");
    }

    static int bounded(String raw, String name, int min, int max, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
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
