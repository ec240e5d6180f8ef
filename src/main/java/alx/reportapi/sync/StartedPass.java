package alx.reportapi.sync;

/**
 * A pass that change detection started in the current transaction, as the start knows it: what
 * its completion would otherwise read back from the queue row.
 *
 * @param mode                "full" or "incremental"
 * @param startedAt           when its change detection counts as started, by the database clock
 * @param fingerprintsPending true when it stored module fingerprints for its completion to confirm
 */
record StartedPass(long companyId, String mode, long startedAt, boolean fingerprintsPending) {
}
