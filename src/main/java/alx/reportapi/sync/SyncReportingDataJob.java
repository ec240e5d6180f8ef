package alx.reportapi.sync;

/**
 * The job's name and parameters. The job XML, its id and the name callers start it by are one and
 * the same: {@code batch-jobs/SyncReportingDataJob.xml}.
 */
public final class SyncReportingDataJob {

    public static final String NAME = "SyncReportingDataJob";

    /** Job parameters: always strings, so JBatch and JBeret read them the same. */
    public static final String MAX_SYNC_TIME = "maxSyncTime";
    public static final String BATCH_SIZE = "batchSize";
    public static final String TRIGGER = "trigger";
    public static final String CHANGE_OVERLAP = "changeOverlap";
    public static final String VERIFY_WINDOW_HOURS = "verifyWindowHours";

    /** Triggers as the run log spells them. */
    public static final String TRIGGER_TIMER = "timer";
    public static final String TRIGGER_ADMIN = "admin";
    public static final String TRIGGER_API = "api";

    private SyncReportingDataJob() {
    }
}
