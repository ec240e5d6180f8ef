package alx.reportapi.sync;

import alx.reportapi.sync.SyncItem.FailedPage;
import alx.reportapi.sync.SyncItem.PassPage;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Derives each page's rows from Moodle, reading in one snapshot, and the page after it ahead
 * ({@link DerivationsAhead}). A page whose derivation fails for a reason of the company's own
 * becomes a {@link FailedPage} for the writer to record; a failure of the whole run (the database
 * unreachable, the lock lost) ends the step. Other items pass through. The step's end drops a
 * derivation still ahead ({@link SyncStepListener}).
 */
@Named("PageDeriver")
@Dependent
public class PageDeriver implements ItemProcessor {

    @Inject
    JobContext jobContext;

    @Resource
    ManagedExecutorService executor;

    private SyncRun run;
    private DerivationsAhead ahead;

    @Override
    public Object processItem(Object item) throws Exception {
        if (!(item instanceof PassPage passPage)) {
            return item;
        }
        if (ahead == null) {
            run = SyncRun.of(jobContext);
            PageDerivation derivation = new PageDerivation(run.courseModules());
            ahead = new DerivationsAhead(executor, page -> run.transactions().read("derive a page",
                    session -> derivation.derive(session, page)));
            run.derivingAhead(ahead);
        }
        try {
            return run.passTimes().time(PassTimes.Phase.DERIVING,
                    () -> ahead.derive(passPage.page(), passPage.next(), derivationWait()));
        } catch (SQLException | RuntimeException e) {
            ahead.close();
            if (RunFailures.endRun(e)) {
                // Handed to the run here: IBM JBatch (Payara) leaves what a processor throws out of
                // the step context, and the run would end "stopped" instead of failed (Behavior 9).
                run.failed(e);
                throw e;
            }
            return new FailedPage(passPage.page().companyId(), e);
        }
    }

    /**
     * A derivation runs three statements, each bounded by the statement timeout; the margin leaves
     * room for its wait in the executor's queue.
     */
    private Duration derivationWait() {
        return Duration.ofSeconds(3L * run.budget().statementTimeoutSeconds() + 30);
    }
}
