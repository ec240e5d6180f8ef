package alx.reportapi.schedule;

import alx.reportapi.db.Database;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSchedule;
import alx.reportapi.settings.SyncSettings;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
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

import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduled trigger (SPEC 3.7): a calendar timer built from the {@code sync_schedule} and
 * {@code sync_enabled} settings (default hourly at :00, as the plugin's db/tasks.php). It is
 * non-persistent on every node, since the lock already keeps a cluster to one run; a node that is
 * down when the timer would fire simply does not fire it.
 */
@Singleton
@Startup
@DependsOn("ApplicationStartup")
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

    private Timer timer;
    private SyncSchedule scheduled;
    private boolean enabled;
    private boolean applied;

    @PostConstruct
    void schedule() {
        reschedule();
    }

    /**
     * A setting saved on another node, or in the database, reaches this node's timer within a
     * minute; a save on this node reschedules it at once.
     */
    @Schedule(second = "15", minute = "*", hour = "*", persistent = false)
    public void followSettings() {
        reschedule();
    }

    /** Applies the current settings; cheap when nothing changed, so it may be called often. */
    public synchronized void reschedule() {
        SyncSettings settings;
        try {
            settings = new SettingsStore(database).current();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "[local_alx_report_api] could not read the schedule; the timer is unchanged", e);
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
            LOG.info("[local_alx_report_api] sync_enabled is off: no sync timer on this node");
            return;
        }
        ScheduleExpression expression = new ScheduleExpression().second("0").minute(scheduled.minute())
                .hour(scheduled.hour()).dayOfMonth("*").month("*").dayOfWeek("*").year("*");
        timer = timerService.createCalendarTimer(expression, new TimerConfig("SyncReportingDataJob", false));
        LOG.info(() -> "[local_alx_report_api] sync timer set: minute " + scheduled.minute() + ", hour "
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
        try {
            launcher.start(SyncReportingDataJob.TRIGGER_TIMER);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "[local_alx_report_api] the timer could not start a sync", e);
        }
    }
}
