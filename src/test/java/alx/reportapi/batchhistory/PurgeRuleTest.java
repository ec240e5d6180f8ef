package alx.reportapi.batchhistory;

import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurgeRuleTest {

    private static final Instant CUTOFF = Instant.parse("2026-11-01T00:00:00Z");

    private static ExecutionState ended(BatchStatus status, Instant end) {
        return new ExecutionState(1, status, Optional.of(end));
    }

    private static ExecutionState unended(BatchStatus status) {
        return new ExecutionState(2, status, Optional.empty());
    }

    @Test
    void everyFinishedStatusEndedBeforeTheCutoffMayGo() {
        for (BatchStatus status : List.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED,
                BatchStatus.ABANDONED)) {
            assertTrue(PurgeRule.purgeable(List.of(ended(status, CUTOFF.minusSeconds(1))), CUTOFF), status.name());
        }
    }

    @Test
    void anExecutionThatHasNotFinishedIsNeverPurgedWhateverItsTimes() {
        for (BatchStatus status : List.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING)) {
            assertFalse(PurgeRule.purgeable(List.of(unended(status)), CUTOFF), status.name());
            // A stale end time from an earlier attempt must not count either.
            assertFalse(PurgeRule.purgeable(List.of(ended(status, CUTOFF.minusSeconds(86_400))), CUTOFF), status.name());
        }
    }

    @Test
    void oneRunningExecutionKeepsTheWholeInstance() {
        assertFalse(PurgeRule.purgeable(List.of(ended(BatchStatus.FAILED, CUTOFF.minusSeconds(3600)),
                unended(BatchStatus.STARTED)), CUTOFF));
    }

    @Test
    void anExecutionEndingAtOrAfterTheCutoffKeepsTheInstance() {
        assertFalse(PurgeRule.purgeable(List.of(ended(BatchStatus.COMPLETED, CUTOFF)), CUTOFF));
        assertFalse(PurgeRule.purgeable(List.of(ended(BatchStatus.FAILED, CUTOFF.minusSeconds(3600)),
                ended(BatchStatus.COMPLETED, CUTOFF.plusMillis(1))), CUTOFF));
    }

    @Test
    void aFinishedExecutionWithoutAnEndTimeIsKept() {
        assertFalse(PurgeRule.purgeable(List.of(unended(BatchStatus.COMPLETED)), CUTOFF));
    }

    @Test
    void anInstanceWithoutExecutionsIsKept() {
        assertFalse(PurgeRule.purgeable(List.of(), CUTOFF));
    }

    @Test
    void aMissingStatusIsNotFinished() {
        assertFalse(PurgeRule.finished(null));
    }
}
