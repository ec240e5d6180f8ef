package alx.reportapi.moodle;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressRulesTest {

    private static PairFacts facts(long ccCompleted, long ccStarted, int tracked, int done, long lastDone,
            int progressed, long firstStart) {
        return new PairFacts(10, 20, "Ada", "Lovelace", "ada@example.com", "ada", "Maths", ccCompleted, ccStarted,
                tracked, done, lastDone, progressed, firstStart);
    }

    @Test
    void courseCompletionMeansHundredPercentAndItsTime() {
        ReportingRow row = ProgressRules.derive(facts(5000, 4000, 8, 3, 4500, 3, 100));
        assertEquals(new BigDecimal("100.00"), row.percentage());
        assertEquals("completed", row.status());
        assertEquals(5000, row.timecompleted());
        assertEquals(4000, row.timestarted());
    }

    @Test
    void percentageIsCompletedOverTrackedRoundedToTwoDecimals() {
        assertEquals(new BigDecimal("33.33"), ProgressRules.derive(facts(0, 0, 3, 1, 10, 1, 0)).percentage());
        assertEquals(new BigDecimal("66.67"), ProgressRules.derive(facts(0, 0, 3, 2, 10, 2, 0)).percentage());
        assertEquals(new BigDecimal("87.50"), ProgressRules.derive(facts(0, 0, 8, 7, 10, 7, 0)).percentage());
    }

    @Test
    void allTrackedModulesCompleteWithoutCourseCompletionIsCompletedAtTheLastModule() {
        ReportingRow row = ProgressRules.derive(facts(0, 0, 4, 4, 7777, 4, 300));
        assertEquals(new BigDecimal("100.00"), row.percentage());
        assertEquals("completed", row.status());
        assertEquals(7777, row.timecompleted());
    }

    @Test
    void aCourseThatTracksNoModuleIsZeroPercent() {
        ReportingRow row = ProgressRules.derive(facts(0, 0, 0, 0, 0, 0, 300));
        assertEquals(new BigDecimal("0.00"), row.percentage());
        assertEquals("not_started", row.status());
        assertEquals(0, row.timecompleted());
    }

    @Test
    void anyProgressRecordMeansInProgressEvenWithoutCountedCompletions() {
        // A failed attempt (state 3) counts as progress, not as completion.
        ReportingRow row = ProgressRules.derive(facts(0, 0, 8, 0, 0, 1, 300));
        assertEquals("in_progress", row.status());
        assertEquals(new BigDecimal("0.00"), row.percentage());
    }

    @Test
    void startFallsBackToTheEarliestActiveEnrolment() {
        assertEquals(300, ProgressRules.derive(facts(0, 0, 8, 1, 10, 1, 300)).timestarted());
        assertEquals(900, ProgressRules.derive(facts(0, 900, 8, 1, 10, 1, 300)).timestarted());
    }
}
