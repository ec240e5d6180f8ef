package alx.reportapi.settings;

/**
 * Summary of one finished sync, kept in {@code last_sync_stats} as the PHP plugin kept it: a JSON
 * object (PHP's {@code json_encode} of an array, so compact and in this key order).
 *
 * @param timestamp Unix seconds when the run finished, from the database clock
 *                  ({@code UNIX_TIMESTAMP()}), since every node and the PHP side read it
 */
public record SyncStats(
        long companiesProcessed,
        long totalRecordsUpdated,
        long totalRecordsCreated,
        long errors,
        long durationSeconds,
        long timestamp) {

    public SyncStats {
        requireNotNegative("companies_processed", companiesProcessed);
        requireNotNegative("total_records_updated", totalRecordsUpdated);
        requireNotNegative("total_records_created", totalRecordsCreated);
        requireNotNegative("errors", errors);
        requireNotNegative("duration_seconds", durationSeconds);
        requireNotNegative("timestamp", timestamp);
    }

    /** Numbers only, so no escaping is needed and the output is what PHP would have written. */
    public String toJson() {
        return "{\"companies_processed\":" + companiesProcessed
                + ",\"total_records_updated\":" + totalRecordsUpdated
                + ",\"total_records_created\":" + totalRecordsCreated
                + ",\"errors\":" + errors
                + ",\"duration_seconds\":" + durationSeconds
                + ",\"timestamp\":" + timestamp + "}";
    }

    private static void requireNotNegative(String key, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(key + " cannot be negative, got " + value);
        }
    }
}
