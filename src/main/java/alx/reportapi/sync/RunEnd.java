package alx.reportapi.sync;

import alx.reportapi.reporting.RunOutcome;

/** A run's outcome and the message the run log shows with it. */
record RunEnd(RunOutcome outcome, String message) {
}
