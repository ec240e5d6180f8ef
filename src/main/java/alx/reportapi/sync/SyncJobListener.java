package alx.reportapi.sync;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Opens the run before any work and closes it after the job, whatever the outcome, through
 * {@link RunLifecycle}: the job's first and last step in the job XML.
 */
@Named("SyncJobListener")
@Dependent
public class SyncJobListener implements JobListener {

    @Inject
    JobContext jobContext;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.MAX_SYNC_TIME)
    String maxSyncTime;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.BATCH_SIZE)
    String batchSize;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.TRIGGER)
    String trigger;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.CHANGE_OVERLAP)
    String changeOverlap;

    @Inject
    @BatchProperty(name = SyncReportingDataJob.VERIFY_WINDOW_HOURS)
    String verifyWindowHours;

    @Override
    public void beforeJob() throws Exception {
        jobContext.setTransientUserData(lifecycle.open(jobContext.getExecutionId(), trigger,
                Integer.parseInt(maxSyncTime), Integer.parseInt(batchSize),
                ChangeDetectionSettings.of(changeOverlap, verifyWindowHours)));
    }

    @Override
    public void afterJob() throws Exception {
        if (jobContext.getTransientUserData() instanceof SyncRun run) {
            jobContext.setExitStatus(lifecycle.close(run).outcome().name());
        }
    }
}
