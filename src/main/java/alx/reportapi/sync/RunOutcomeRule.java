package alx.reportapi.sync;

import alx.reportapi.reporting.RunOutcome;

/**
 * How a run ended, decided from what it observed (README, Behavior 10): the one rule, pure, so that
 * every outcome is tested without a batch runtime.
 * <p>
 * The batch status {@code afterJob} sees is not used: it reads STARTED on IBM JBatch (Payara) and
 * COMPLETED on JBeret (WildFly). A stop from the server itself (Payara stops running jobs when it
 * shuts down) shows in that the reader never came to its end.
 */
final class RunOutcomeRule {

    private RunOutcomeRule() {
    }

    /** @param companiesRemaining due companies the run did not reach or left mid-pass */
    static RunEnd decide(RunFacts facts, int companiesRemaining) {
        if (facts.skippedBecause().isPresent()) {
            return new RunEnd(RunOutcome.SKIPPED, facts.skippedBecause().get());
        }
        if (facts.lockLost()) {
            return new RunEnd(RunOutcome.FAILED, "stopped writing: the sync lock was taken over");
        }
        if (facts.failure().isPresent()) {
            String cause = facts.failure().get().getMessage();
            return new RunEnd(RunOutcome.FAILED, "failed: " + (cause == null
                    ? facts.failure().get().getClass().getSimpleName() : cause));
        }
        if (facts.stopRequested()) {
            return new RunEnd(RunOutcome.STOPPED, "stopped on request after " + facts.companiesDone()
                    + " companies; " + companiesRemaining + " left for the next run");
        }
        if (!facts.readingFinished()) {
            // Nobody here asked: the batch runtime ended the job, as a server that stops does.
            return new RunEnd(RunOutcome.STOPPED, "stopped by the batch runtime after " + facts.companiesDone()
                    + " companies, before its reader finished (a server that stops ends its jobs); "
                    + companiesRemaining + " left for the next run");
        }
        if (facts.budgetStopped()) {
            return new RunEnd(RunOutcome.PARTIAL, "time budget reached after " + facts.companiesDone()
                    + " companies; " + companiesRemaining + " left for the next run");
        }
        return new RunEnd(RunOutcome.COMPLETED, facts.companiesDone() + " companies synced, "
                + facts.companiesFailed() + " failed, " + facts.rowsWritten() + " rows written, "
                + facts.rowsDeleted() + " soft-deleted");
    }
}
