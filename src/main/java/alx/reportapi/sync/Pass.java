package alx.reportapi.sync;

/**
 * A company's pass: what completing it needs to know. Either the start just made it, or the queue
 * row describes it (a pass that runs over several pages, or several runs).
 *
 * @param mode                "full" or "incremental"
 * @param startedAt           when its change detection counts as started, by the database clock
 * @param rows            rows it wrote or soft-deleted so far
 * @param anyPendingPairs false only when the pass is known to have found no pair at all
 */
record Pass(long companyId, String mode, long startedAt, long rows, boolean anyPendingPairs) {

    static final String FULL = "full";
    static final String INCREMENTAL = "incremental";

    /** The pass once its last page wrote {@code pageRows}; {@code foundPairs} false when it found none. */
    Pass finished(int pageRows, boolean foundPairs) {
        return new Pass(companyId, mode, startedAt, rows + pageRows, foundPairs);
    }
}
