package alx.reportapi.db;

import alx.reportapi.Plugin;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a whole transaction again after a failure {@link SqlFailures} calls transient: a few
 * attempts with a short, growing, jittered pause, then the last failure is thrown. Any other
 * failure is thrown at once, and so is a {@link NoConnectionException}, which the pool's own
 * timeout has already waited out.
 * <p>
 * Every attempt must be a whole transaction of its own, and idempotent: after a deadlock the
 * database rolled all of it back, and after a lost connection it may or may not have committed.
 */
public final class Retry {

    /** Sleeps between attempts; tests pass one that only records. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @FunctionalInterface
    public interface Attempt<T> {
        T run() throws SQLException;
    }

    static final int DEFAULT_ATTEMPTS = 5;
    static final Duration DEFAULT_FIRST_PAUSE = Duration.ofMillis(25);

    private static final Logger LOG = Logger.getLogger(Retry.class.getName());
    private static final Retry STANDARD = new Retry(DEFAULT_ATTEMPTS, DEFAULT_FIRST_PAUSE,
            duration -> Thread.sleep(duration.toMillis()));

    private final int maxAttempts;
    private final Duration firstPause;
    private final Sleeper sleeper;

    public Retry(int maxAttempts, Duration firstPause, Sleeper sleeper) {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.sleeper = sleeper;
    }

    /** Five attempts, the first pause 25 ms: about half a second in all. */
    public static Retry standard() {
        return STANDARD;
    }

    /**
     * Runs {@code attempt} until it succeeds, at most {@code maxAttempts} times.
     *
     * @param what what the attempt does, for the log: "take the sync lock"
     * @throws SQLException the first failure that is not transient, or the last transient one
     */
    public <T> T run(String what, Attempt<T> attempt) throws SQLException {
        // Bounded by maxAttempts.
        for (int number = 1; ; number++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                // A pool that found no connection has been trying for its whole timeout (10 s):
                // trying again at once would multiply an outage's wait by the attempts (README,
                // Behavior 17), and a run's closing steps would outlast the watchdog's grace.
                if (number >= maxAttempts || !triesAgainAfter(e)) {
                    throw e;
                }
                Duration pause = pauseBefore(number + 1);
                int failed = number;
                LOG.log(Level.INFO, () -> Plugin.LOG_PREFIX + "could not " + what + " (attempt " + failed + " of "
                        + maxAttempts + ": " + SqlFailures.describe(e) + "); trying again in " + pause.toMillis()
                        + " ms");
                pause(pause, e);
            }
        }
    }

    /** Whether a failure is tried again: a transient one, unless the pool found no connection. */
    public static boolean triesAgainAfter(SQLException failure) {
        return SqlFailures.isTransient(failure) && !(failure instanceof NoConnectionException);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The pause before attempt {@code number} (2, 3, ...): doubling, plus up to one first pause of jitter. */
    Duration pauseBefore(int number) {
        long base = firstPause.toMillis() << (number - 2);
        long jitter = firstPause.toMillis() == 0 ? 0 : ThreadLocalRandom.current().nextLong(firstPause.toMillis());
        return Duration.ofMillis(base + jitter);
    }

    private void pause(Duration pause, SQLException cause) throws SQLException {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            cause.addSuppressed(interrupted);
            throw cause;
        }
    }
}
