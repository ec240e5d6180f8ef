package alx.reportapi.reporting;

/**
 * One company's place in the sync queue, for operators: whether it is healthy, retrying or
 * parked, when it last synced, and how far its current pass has come.
 */
public record CompanyStatus(long companyId, String name, int priority, int retryCount, long nextAttemptAt,
        boolean parked, long lastSuccessAt, long lastAttemptAt, String passMode, long passRows, String lastError) {

    public String state() {
        if (parked) {
            return "parked";
        }
        if (retryCount > 0) {
            return "retrying";
        }
        if (!passMode.isEmpty()) {
            return "in_progress";
        }
        return lastSuccessAt > 0 ? "synced" : "never_synced";
    }
}
