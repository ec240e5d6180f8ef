package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSchedule;
import alx.reportapi.settings.SyncSettings;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.io.Serializable;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduled trigger: one calendar timer built from the {@code sync_schedule} and
 * {@code sync_enabled} settings (default hourly at :00, as the plugin's db/tasks.php). It is
 * non-persistent on every node, since the lock already keeps a cluster to one run; a node that is
 * down when the timer would fire simply does not fire it.
 * <p>
 * This bean owns exactly one timer, the one it created in this process, and starts a sync only
 * when that timer fires. Payara Micro, restarted on a kept root directory, recreates timers it
 * finds in its data grid and may deliver them to this bean's timeout method; such a timer is not
 * this process's, so it is cancelled instead of starting a run (README, Behavior: the timer). The
 * minute-by-minute check of the settings therefore lives in another bean
 * ({@link SyncScheduleFollower}): an automatic timer here would share the timeout method.
 */
@Singleton
@Startup
@DependsOn({"ApplicationStartup", "DeadIncarnationRecovery"})
// The batch job manages its own transactions; the timer needs none.
@TransactionManagement(TransactionManagementType.BEAN)
public class SyncTimer {

    private static final Logger LOG = Logger.getLogger(SyncTimer.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    Database database;

    @Inject
    SyncLauncher launcher;

    @Inject
    ThisNode thisNode;

    private Timer timer;
    private SyncSchedule scheduled;
    private boolean enabled;
    private boolean applied;

    /** What this process's timer carries, so that a timer it did not create is recognised as such. */
    record Owner(String job, String incarnation) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @PostConstruct
    void schedule() {
        cancelTimersNotCreatedHere();
        reschedule();
    }

    /** Applies the current settings; cheap when nothing changed, so it may be called often. */
    public synchronized void reschedule() {
        SyncSettings settings;
        try {
            settings = new SettingsStore(database).current();
        } catch (Exception e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "could not read the schedule; the timer is unchanged", e);
            return;
        }
        if (applied && enabled == settings.syncEnabled() && Objects.equals(scheduled, settings.schedule())) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        enabled = settings.syncEnabled();
        scheduled = settings.schedule();
        applied = true;
        if (!enabled) {
            LOG.info(Plugin.LOG_PREFIX + "sync_enabled is off: no sync timer on this node");
            return;
        }
        ScheduleExpression expression = new ScheduleExpression().second("0").minute(scheduled.minute())
                .hour(scheduled.hour()).dayOfMonth("*").month("*").dayOfWeek("*").year("*");
        timer = timerService.createCalendarTimer(expression, new TimerConfig(owner(), false));
        LOG.info(() -> Plugin.LOG_PREFIX + "sync timer set: minute " + scheduled.minute() + ", hour "
                + scheduled.hour() + "; next at " + timer.getNextTimeout());
    }

    public boolean isEnabled() {
        return enabled;
    }

    /** When the timer fires next; empty when sync_enabled is off. */
    public synchronized Optional<Date> nextFire() {
        return timer == null ? Optional.empty() : Optional.of(timer.getNextTimeout());
    }

    @Timeout
    void fire(Timer fired) {
        if (!isOwn(fired)) {
            cancelForeign(fired, "it fired");
            return;
        }
        try {
            launcher.start(SyncReportingDataJob.TRIGGER_TIMER);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "the timer could not start a sync", e);
        }
    }

    private Owner owner() {
        return new Owner(SyncReportingDataJob.NAME, thisNode.incarnation());
    }

    private boolean isOwn(Timer fired) {
        try {
            return owner().equals(fired.getInfo());
        } catch (RuntimeException e) {
            // A timer whose info cannot be read (its class changed, it was cancelled meanwhile) is not ours.
            return false;
        }
    }

    /** Timers already registered on this bean at start-up were not created by this process. */
    private void cancelTimersNotCreatedHere() {
        for (Timer existing : timerService.getTimers()) {
            if (!isOwn(existing)) {
                cancelForeign(existing, "found at start-up");
            }
        }
    }

    private static void cancelForeign(Timer foreign, String when) {
        String schedule;
        try {
            schedule = foreign.isCalendarTimer() ? foreign.getSchedule().toString() : "interval";
        } catch (RuntimeException e) {
            schedule = "unknown schedule";
        }
        String described = schedule;
        try {
            foreign.cancel();
            LOG.warning(() -> Plugin.LOG_PREFIX + "cancelled a timer this process did not create (" + when
                    + ", " + described + "): a server restarted on a kept root directory may recreate old timers;"
                    + " only this process's sync timer starts runs");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "could not cancel a timer this process did not create ("
                    + described + "); it starts no run", e);
        }
    }
}
