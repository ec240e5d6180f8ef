package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every 60 s, stops this node's runs that are past their budget plus a grace period, or whose
 * lock has had no heartbeat for too long (README, Behavior 12). A run that does not stop is
 * recorded as timed out and its lock is freed.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SyncWatchdog {

    private static final Logger LOG = Logger.getLogger(SyncWatchdog.class.getName());
    /** Enough for the chunk in flight to commit after the budget ran out. */
    static final Duration GRACE = Duration.ofSeconds(120);
    /**
     * The lock's heartbeat commits on its own every few seconds, whatever statement the run is in:
     * this long without one means the heartbeat cannot reach the database or has stopped.
     */
    static final Duration HEARTBEAT_SILENCE = Duration.ofMinutes(10);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    SyncControl control;

    @Inject
    SyncLocks syncLocks;

    @Inject
    Clock clock;

    @Schedule(second = "30", minute = "*", hour = "*", persistent = false)
    void patrol() {
        patrol(clock.instant(), STOP_WAIT);
    }

    /**
     * One patrol as if the time were {@code now}, waiting up to {@code stopWait} for each overdue
     * run to stop; tests pass a time in the future rather than waiting for it.
     */
    public void patrol(Instant now, Duration stopWait) {
        for (RunSnapshot run : runningSyncs.all()) {
            String log = Plugin.logPrefix(run.executionId());
            Optional<String> overdue;
            try {
                overdue = overdueReason(run, now);
            } catch (RuntimeException e) {
                // Never thrown out of the timer (README, Behavior 12): Payara drops a schedule whose
                // callback failed twice in a row, and no run would be watched until a redeployment.
                LOG.warning(() -> log + "watchdog could not check the run (" + e.getMessage()
                        + "); it checks again in a minute");
                continue;
            }
            overdue.ifPresent(reason -> {
                LOG.warning(() -> log + "watchdog: " + reason + "; stopping it");
                try {
                    control.stopOrForce(run.executionId(), "the watchdog", stopWait, RunOutcome.TIMED_OUT,
                            "the watchdog stopped it: " + reason);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, log + "watchdog could not stop it", e);
                }
            });
        }
    }

    Optional<String> overdueReason(RunSnapshot run, Instant now) {
        Duration elapsed = Duration.between(run.startedAt(), now);
        if (elapsed.compareTo(run.maxSyncTime().plus(GRACE)) > 0) {
            return Optional.of("running for " + elapsed.toSeconds() + " s, past its budget of "
                    + run.maxSyncTime().toSeconds() + " s plus " + GRACE.toSeconds() + " s grace");
        }
        Optional<LockState> lock = syncLocks.lock().state();
        if (lock.isPresent() && lock.get().holder().map(h -> h.executionId() == run.executionId()).orElse(false)
                && lock.get().ageSeconds() > HEARTBEAT_SILENCE.toSeconds()) {
            return Optional.of("no heartbeat for " + lock.get().ageSeconds() + " s");
        }
        return Optional.empty();
    }
}
