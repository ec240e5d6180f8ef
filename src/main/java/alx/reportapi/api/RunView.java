package alx.reportapi.api;

import alx.reportapi.reporting.RunLogEntry;

/** One run as the API shows it: the run log entry in JSON-friendly names. */
public record RunView(long executionId, String node, String trigger, String outcome, long startedAt, long endedAt,
        long durationSeconds, int budgetSeconds, int companiesDone, int companiesFailed, int companiesRemaining,
        long rowsWritten, long rowsDeleted, String message) {

    static RunView of(RunLogEntry entry) {
        return new RunView(entry.executionId(), entry.node(), entry.trigger(), entry.outcome().word(),
                entry.startedAt(), entry.endedAt(), entry.durationSeconds(), entry.budgetSeconds(),
                entry.companiesDone(), entry.companiesFailed(), entry.companiesRemaining(), entry.rowsWritten(),
                entry.rowsDeleted(), entry.message());
    }
}
