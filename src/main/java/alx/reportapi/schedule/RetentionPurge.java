package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.batchhistory.BatchHistoryPurge;
import alx.reportapi.db.Database;
import alx.reportapi.reporting.AuditTrail;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a day, removes run-log entries older than {@code run_log_retention_days}, so the log a
 * busy site writes every hour stays small, the audit trail's entries of the same age, and the
 * batch runtime's history of the sync job that finished before then. Every node runs it; both deletes are idempotent. The two are independent:
 * a runtime whose history cannot be purged never keeps the run log from being purged.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class RetentionPurge {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());

    @Inject
    Database database;

    @Schedule(hour = "3", minute = "17", persistent = false)
    void purgeDaily() {
        purge();
        retentionDays().ifPresent(days -> purgeBatchHistory(Instant.now().minus(Duration.ofDays(days))));
    }

    /** Returns how many run-log entries were removed. */
    public int purge() {
        try {
            int days = new SettingsStore(database).current().runLogRetentionDays();
            int removed = new RunLog(database).purgeOlderThan(days);
            int audited = new AuditTrail(database).purgeOlderThan(days);
            LOG.info(() -> Plugin.LOG_PREFIX + "retention: removed " + removed + " run-log entries and " + audited
                    + " audit entries older than " + days + " days");
            return removed;
        } catch (Exception e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "retention purge failed; it runs again tomorrow", e);
            return 0;
        }
    }

    /**
     * Removes the sync job's finished batch executions that ended before the cutoff; returns how
     * many. Never throws: the history is the runtime's, and failing to trim it must not stop the app.
     */
    public int purgeBatchHistory(Instant cutoff) {
        try {
            return BatchHistoryPurge.of(SyncLauncher.jobOperator()).purgeFinishedBefore(SyncReportingDataJob.NAME, cutoff);
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "retention: purging the batch runtime's history failed;"
                    + " it runs again tomorrow", e);
            return 0;
        }
    }

    /** Without the setting nothing of the history goes: guessing the retention could remove too much. */
    private Optional<Integer> retentionDays() {
        try {
            return Optional.of(new SettingsStore(database).current().runLogRetentionDays());
        } catch (Exception e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "retention: cannot read run_log_retention_days; the batch"
                    + " runtime's history is purged again tomorrow", e);
            return Optional.empty();
        }
    }
}
