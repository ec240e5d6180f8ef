package alx.reportapi.reporting;

import alx.reportapi.moodle.Pair;

/**
 * One company's place in the sync queue and its pass in progress, if any.
 *
 * @param passStartedAt       when the pending pass's change detection began (database clock); 0 if none
 * @param resumeAfter         the last pair of the pass already written
 * @param passRows            rows the pass wrote or soft-deleted so far
 */
public record CompanySyncState(long companyId, int priority, int retryCount, long nextAttemptAt, boolean parked,
        long lastSuccessAt, String passMode, long passStartedAt, Pair resumeAfter, long passRows,
        String lastError) {

    public boolean passInProgress() {
        return passStartedAt > 0;
    }

    /** Never completed by this product: the first pass is a full one (README, Behavior 5). */
    public boolean neverSynced() {
        return lastSuccessAt == 0;
    }
}
