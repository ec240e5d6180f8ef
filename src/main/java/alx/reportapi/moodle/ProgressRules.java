package alx.reportapi.moodle;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The rules that turn Moodle's facts into a reporting row's percentage, status and
 * times. Pure, so every rule is tested without a database.
 */
public final class ProgressRules {

    public static final String COMPLETED = "completed";
    public static final String IN_PROGRESS = "in_progress";
    public static final String NOT_STARTED = "not_started";

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ProgressRules() {
    }

    public static ReportingRow derive(PairFacts facts) {
        BigDecimal percentage = percentage(facts);
        boolean complete = facts.courseTimeCompleted() > 0 || percentage.compareTo(HUNDRED) == 0;
        String status = complete ? COMPLETED : facts.progressedModules() > 0 ? IN_PROGRESS : NOT_STARTED;
        long timecompleted = facts.courseTimeCompleted() > 0 ? facts.courseTimeCompleted()
                : percentage.compareTo(HUNDRED) == 0 ? facts.lastCompletedAt() : 0;
        long timestarted = facts.courseTimeStarted() > 0 ? facts.courseTimeStarted() : facts.firstEnrolmentStart();
        return new ReportingRow(facts.userId(), facts.courseId(), facts.firstname(), facts.lastname(),
                facts.email(), facts.username(), facts.coursename(), timecompleted, timestarted, percentage, status);
    }

    static BigDecimal percentage(PairFacts facts) {
        if (facts.courseTimeCompleted() > 0) {
            return HUNDRED.setScale(2);
        }
        if (facts.trackedModules() == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return BigDecimal.valueOf(facts.completedModules()).multiply(HUNDRED)
                .divide(BigDecimal.valueOf(facts.trackedModules()), 2, RoundingMode.HALF_UP);
    }
}
