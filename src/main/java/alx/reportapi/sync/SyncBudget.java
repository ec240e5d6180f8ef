package alx.reportapi.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The run's time budget, {@code max_sync_time}, counted from the job's start (README, Behavior 8).
 * No new company starts when less than {@link #BETWEEN_COMPANIES} remain; within a company,
 * processing stops when less than {@link #WITHIN_COMPANY} remain. The clock is injected so that
 * tests move time instead of waiting for it.
 */
public final class SyncBudget {

    public static final Duration BETWEEN_COMPANIES = Duration.ofSeconds(30);
    public static final Duration WITHIN_COMPANY = Duration.ofSeconds(60);
    /** No statement may outlive the budget by much, nor be cut so short that nothing can finish. */
    static final int MIN_STATEMENT_TIMEOUT_SECONDS = 30;

    private final Clock clock;
    private final Instant startedAt;
    private final Duration maxSyncTime;

    public SyncBudget(Clock clock, Instant startedAt, Duration maxSyncTime) {
        this.clock = clock;
        this.startedAt = startedAt;
        this.maxSyncTime = maxSyncTime;
    }

    public Duration remaining() {
        Duration left = maxSyncTime.minus(Duration.between(startedAt, clock.instant()));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean mayStartCompany() {
        return remaining().compareTo(BETWEEN_COMPANIES) >= 0;
    }

    public boolean mayContinueCompany() {
        return remaining().compareTo(WITHIN_COMPANY) >= 0;
    }

    /** Timeout for the next statement: what is left of the budget, never below a floor. */
    public int statementTimeoutSeconds() {
        return (int) Math.max(MIN_STATEMENT_TIMEOUT_SECONDS, remaining().toSeconds());
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Duration maxSyncTime() {
        return maxSyncTime;
    }
}
