package alx.reportapi.sync;

import jakarta.batch.api.listener.StepListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ends each step of the run: drops a derivation still running ahead, and hands an exception that
 * ended the step to the run, since the job listener cannot see it portably. The step context holds
 * what the batchlet, the reader or the writer threw; IBM JBatch leaves out what the processor
 * threw, so {@link PageDeriver} hands that to the run itself.
 */
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
        if (!(jobContext.getTransientUserData() instanceof SyncRun run)) {
            return;
        }
        run.stepEnded();
        Exception exception = stepContext.getException();
        if (exception != null) {
            run.failed(exception);
            LOG.log(Level.SEVERE, run.log() + "step " + stepContext.getStepName() + " failed", exception);
        }
    }
}
