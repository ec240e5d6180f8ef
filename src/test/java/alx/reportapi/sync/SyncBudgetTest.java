package alx.reportapi.sync;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncBudgetTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private static SyncBudget budgetAt(long secondsAfterStart, long maxSyncTime) {
        Clock clock = Clock.fixed(START.plusSeconds(secondsAfterStart), ZoneOffset.UTC);
        return new SyncBudget(clock, START, Duration.ofSeconds(maxSyncTime));
    }

    @Test
    void aNewCompanyStartsOnlyWithThirtySecondsLeft() {
        assertTrue(budgetAt(270, 300).mayStartCompany());
        assertFalse(budgetAt(271, 300).mayStartCompany());
    }

    @Test
    void processingWithinACompanyStopsUnderSixtySecondsLeft() {
        assertTrue(budgetAt(240, 300).mayContinueCompany());
        assertFalse(budgetAt(241, 300).mayContinueCompany());
    }

    @Test
    void theMinimumBudgetAllowsOneCompanyStartButNoSecondPage() {
        SyncBudget budget = budgetAt(1, 60);
        assertTrue(budget.mayStartCompany());
        assertFalse(budget.mayContinueCompany());
    }

    @Test
    void remainingNeverGoesNegativeAndStatementsKeepAFloor() {
        SyncBudget late = budgetAt(4000, 300);
        assertEquals(Duration.ZERO, late.remaining());
        assertEquals(SyncBudget.MIN_STATEMENT_TIMEOUT_SECONDS, late.statementTimeoutSeconds());
        assertEquals(3000, budgetAt(600, 3600).statementTimeoutSeconds());
    }
}
