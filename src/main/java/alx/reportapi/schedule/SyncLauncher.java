package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSettings;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * Starts the sync job with the current settings as its parameters. Every trigger comes through
 * here (timer, admin page, API); the job's listener then applies the same lock and rules to all.
 */
@ApplicationScoped
public class SyncLauncher {

    private static final Logger LOG = Logger.getLogger(SyncLauncher.class.getName());

    @Inject
    Database database;

    /** Starts a run; returns its execution id. */
    public long start(String trigger) throws SQLException {
        SyncSettings settings = new SettingsStore(database).current();
        Properties parameters = new Properties();
        parameters.setProperty(SyncReportingDataJob.MAX_SYNC_TIME, Integer.toString(settings.maxSyncTimeSeconds()));
        parameters.setProperty(SyncReportingDataJob.BATCH_SIZE, Integer.toString(settings.batchSize()));
        parameters.setProperty(SyncReportingDataJob.TRIGGER, trigger);
        parameters.setProperty(SyncReportingDataJob.CHANGE_OVERLAP, Integer.toString(settings.changeOverlapSeconds()));
        parameters.setProperty(SyncReportingDataJob.VERIFY_WINDOW_HOURS,
                Integer.toString(settings.verifyWindowHours()));
        long executionId = jobOperator().start(SyncReportingDataJob.NAME, parameters);
        LOG.info(() -> Plugin.logPrefix(executionId) + "requested by " + trigger);
        return executionId;
    }

    /** The batch status of an execution; throws NoSuchJobExecutionException for an unknown id. */
    public BatchStatus status(long executionId) {
        return jobOperator().getJobExecution(executionId).getBatchStatus();
    }

    public static JobOperator jobOperator() {
        return BatchRuntime.getJobOperator();
    }
}
