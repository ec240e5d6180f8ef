package alx.reportapi.schedule;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.settings.SettingsStore;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a day, removes run-log entries older than {@code run_log_retention_days}, so the log a
 * busy site writes every hour stays small. Every node runs it; the delete is idempotent.
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
    }

    /** Returns how many run-log entries were removed. */
    public int purge() {
        try {
            int days = new SettingsStore(database).current().runLogRetentionDays();
            int removed = new RunLog(database).purgeOlderThan(days);
            LOG.info(() -> "[local_alx_report_api] retention: removed " + removed + " run-log entries older than "
                    + days + " days");
            return removed;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "[local_alx_report_api] retention purge failed; it runs again tomorrow", e);
            return 0;
        }
    }
}
