package alx.reportapi.sync;

import alx.reportapi.reporting.RunOutcome;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every outcome the README's Behavior list names, from what the run observed. */
class RunOutcomeRuleTest {

    private static RunFacts facts(Optional<String> skipped, Throwable failure, boolean lockLost, boolean stopRequested,
            boolean readingFinished, boolean budgetStopped) {
        return new RunFacts(skipped, Optional.ofNullable(failure), lockLost, stopRequested, readingFinished,
                budgetStopped, 4, 1, 120, 3);
    }

    @Test
    void aRunThatReadToTheEndCompleted() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), null, false, false, true, false), 0);
        assertEquals(RunOutcome.COMPLETED, end.outcome());
        assertEquals("4 companies synced, 1 failed, 120 rows written, 3 soft-deleted", end.message());
    }

    @Test
    void aRunStoppedByItsBudgetIsPartialAndSaysWhatIsLeft() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), null, false, false, true, true), 7);
        assertEquals(RunOutcome.PARTIAL, end.outcome());
        assertEquals("time budget reached after 4 companies; 7 left for the next run", end.message());
    }

    @Test
    void aRunThatFoundTheLockHeldIsSkippedWithTheHolderNamed() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.of("Another sync task is already running: held by node a"),
                null, false, false, false, false), 0);
        assertEquals(RunOutcome.SKIPPED, end.outcome());
        assertTrue(end.message().startsWith("Another sync task is already running"), end.message());
    }

    @Test
    void aRunWhoseStepFailedFailedWithTheCause() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), new IllegalStateException("no queue table"), false,
                false, false, false), 2);
        assertEquals(RunOutcome.FAILED, end.outcome());
        assertEquals("failed: no queue table", end.message());
    }

    @Test
    void aRunThatLostItsLockFailedWhateverElseHappened() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), new LockLostException("taken over"), true, true,
                false, true), 2);
        assertEquals(RunOutcome.FAILED, end.outcome());
        assertEquals("stopped writing: the sync lock was taken over", end.message());
    }

    @Test
    void aRunStoppedOnRequestIsStoppedEvenIfItsReaderFinished() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), null, false, true, true, false), 5);
        assertEquals(RunOutcome.STOPPED, end.outcome());
        assertEquals("stopped on request after 4 companies; 5 left for the next run", end.message());
    }

    /** The server stopped the job itself (Payara does at shutdown): the reader never came to its end. */
    @Test
    void aRunWhoseReaderNeverEndedWasStoppedByTheRuntimeNotOnRequest() {
        RunEnd end = RunOutcomeRule.decide(facts(Optional.empty(), null, false, false, false, false), 5);
        assertEquals(RunOutcome.STOPPED, end.outcome());
        assertEquals("stopped by the batch runtime after 4 companies, before its reader finished (a server that"
                + " stops ends its jobs); 5 left for the next run", end.message());
    }

    @Test
    void aSkipWinsOverEverythingASkippedRunCouldNotHaveDone() {
        assertEquals(RunOutcome.SKIPPED, RunOutcomeRule.decide(facts(Optional.of("held"), new RuntimeException("x"),
                false, true, false, false), 0).outcome());
    }
}
