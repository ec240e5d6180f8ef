package alx.reportapi.reporting;

import java.util.Locale;

/** How a run attempt ended, as the run log and the API spell it (README, Behavior 10). */
public enum RunOutcome {
    RUNNING, COMPLETED, PARTIAL, SKIPPED, FAILED, STOPPED, TIMED_OUT;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunOutcome ofWord(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }

    public boolean finished() {
        return this != RUNNING;
    }
}
