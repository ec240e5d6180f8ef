package alx.reportapi.sync;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Hands an exception that ended the step to the run, since the job listener cannot see it portably. */
@Named("SyncStepListener")
@Dependent
public class SyncStepListener implements StepListener {

    private static final Logger LOG = Logger.getLogger(SyncStepListener.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    StepContext stepContext;

    @Override
    public void beforeStep() {
        // Nothing to prepare: the job listener opened the run.
    }

    @Override
    public void afterStep() {
        Exception exception = stepContext.getException();
        if (exception != null && jobContext.getTransientUserData() instanceof SyncRun run) {
            run.failed(exception);
            LOG.log(Level.SEVERE, run.log() + "the sync step failed", exception);
        }
    }
}
