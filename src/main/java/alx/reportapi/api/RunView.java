package alx.reportapi.api;

import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.sync.RunSnapshot;

import java.time.Instant;
import java.util.Optional;

/**
 * One run as the API shows it: the run log entry in JSON-friendly names; {@code id} is the
 * entry's own, unique across nodes, which {@code before=} pages by. The entry of a run
 * still going is written only at its end, so while it runs on this node its counts are live.
 */
public record RunView(long id, long executionId, String node, String trigger, String outcome, long startedAt, long endedAt,
        long durationSeconds, int budgetSeconds, int companiesDone, int companiesFailed, int companiesRemaining,
        long rowsWritten, long rowsDeleted, long verificationCorrections, String message) {

    static RunView of(RunLogEntry entry) {
        return new RunView(entry.id(), entry.executionId(), entry.node(), entry.trigger(), entry.outcome().word(),
                entry.startedAt(), entry.endedAt(), entry.durationSeconds(), entry.budgetSeconds(),
                entry.companiesDone(), entry.companiesFailed(), entry.companiesRemaining(), entry.rowsWritten(),
                entry.rowsDeleted(), entry.corrections(), entry.message());
    }

    static RunView of(RunLogEntry entry, RunningSyncs runningSyncs) {
        RunView view = of(entry);
        Optional<RunSnapshot> live = entry.outcome().finished() ? Optional.empty() : runningSyncs.get(entry.executionId())
                .filter(run -> run.node().equals(entry.node()));
        return live.map(run -> new RunView(view.id, view.executionId, view.node, view.trigger, view.outcome, view.startedAt,
                view.endedAt, Math.max(0, Instant.now().getEpochSecond() - view.startedAt), view.budgetSeconds,
                run.companiesDone(), run.companiesFailed(), view.companiesRemaining, run.rowsWritten(),
                run.rowsDeleted(), view.verificationCorrections, view.message)).orElse(view);
    }
}
