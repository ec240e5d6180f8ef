package alx.reportapi.lock;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Retries a lock operation that failed for a reason that passes: a deadlock, a lock wait timeout or
 * a lost connection. A few attempts with a short, growing, jittered pause, then a
 * {@link SyncLockException} that says what failed. Any other error is reported at once.
 * <p>
 * Every attempt must be a whole transaction of its own: after a deadlock the database has rolled
 * all of it back.
 */
final class RetryPolicy {

    /** Sleeps between attempts; tests pass one that only records. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws SQLException;
    }

    static final int DEFAULT_ATTEMPTS = 5;
    static final Duration DEFAULT_FIRST_PAUSE = Duration.ofMillis(25);

    static final int MYSQL_DEADLOCK = 1213;
    static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    /** H2's lock timeout, its analogue of 1205 on the demo database. */
    static final int H2_LOCK_TIMEOUT = 50200;
    /** The standard's "serialization failure", which drivers give deadlocks. */
    static final String SERIALIZATION_FAILURE = "40001";
    /** SQLState class of connection exceptions. */
    static final String CONNECTION_CLASS = "08";

    private static final Logger LOG = Logger.getLogger(RetryPolicy.class.getName());

    private final int maxAttempts;
    private final Duration firstPause;
    private final Sleeper sleeper;
    private final AtomicLong retries = new AtomicLong();

    RetryPolicy(int maxAttempts, Duration firstPause, Sleeper sleeper) {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.sleeper = sleeper;
    }

    static RetryPolicy standard() {
        return new RetryPolicy(DEFAULT_ATTEMPTS, DEFAULT_FIRST_PAUSE, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Runs {@code attempt} until it succeeds, at most {@code maxAttempts} times.
     *
     * @param what what the attempt does, for messages: "take the sync lock"
     * @param tag  the log prefix, with the execution id when there is one
     */
    <T> T run(String what, String tag, Attempt<T> attempt) {
        SQLException last = null;
        for (int number = 1; number <= maxAttempts; number++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw new SyncLockException(tag + "could not " + what + ": " + describe(e), e);
                }
                last = e;
                if (number < maxAttempts) {
                    Duration pause = pauseBefore(number + 1);
                    retries.incrementAndGet();
                    int failed = number;
                    LOG.log(Level.INFO, () -> tag + "could not " + what + " (attempt " + failed + " of " + maxAttempts
                            + ": " + describe(e) + "); trying again in " + pause.toMillis() + " ms");
                    pause(pause, what, tag, e);
                }
            }
        }
        throw new SyncLockException(tag + "could not " + what + " after " + maxAttempts + " attempts; the last"
                + " failure was " + describe(last) + ". Check that the database is reachable and not overloaded.", last);
    }

    /** How many retries this policy has made: for tests and metrics. */
    long retries() {
        return retries.get();
    }

    /** The pause before attempt {@code number} (2, 3, ...): doubling, plus up to one first pause of jitter. */
    Duration pauseBefore(int number) {
        long base = firstPause.toMillis() << (number - 2);
        long jitter = firstPause.toMillis() == 0 ? 0 : ThreadLocalRandom.current().nextLong(firstPause.toMillis());
        return Duration.ofMillis(base + jitter);
    }

    static boolean isTransient(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isTransientCode(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientCode(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() == MYSQL_DEADLOCK || e.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT
                || e.getErrorCode() == H2_LOCK_TIMEOUT
                || SERIALIZATION_FAILURE.equals(state)
                || (state != null && state.startsWith(CONNECTION_CLASS));
    }

    private static String describe(SQLException e) {
        String kind = switch (e.getErrorCode()) {
            case MYSQL_DEADLOCK -> "deadlock, ";
            case MYSQL_LOCK_WAIT_TIMEOUT -> "lock wait timeout, ";
            default -> e.getSQLState() != null && e.getSQLState().startsWith(CONNECTION_CLASS) ? "lost connection, " : "";
        };
        return kind + "error " + e.getErrorCode() + ", SQLState " + e.getSQLState() + ": " + e.getMessage();
    }

    private void pause(Duration pause, String what, String tag, SQLException cause) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            SyncLockException stopped = new SyncLockException(tag + "interrupted while waiting to retry: could not "
                    + what + " (" + describe(cause) + ")", cause);
            stopped.addSuppressed(interrupted);
            throw stopped;
        }
    }
}
