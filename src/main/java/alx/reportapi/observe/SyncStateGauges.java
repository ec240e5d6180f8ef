package alx.reportapi.observe;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.reporting.CompanyCursors;
import alx.reportapi.reporting.CompanyStatusQuery;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sync's state as gauges, read from the database when Prometheus scrapes, so that every node
 * reports the same shared state and alerts need no run to have happened on the scraped node:
 * each company's lag behind Moodle, parked and retrying companies, the lock's age and heartbeat,
 * and the two settings the alerts compare against (the budget and the schedule's longest gap).
 * A failed read keeps the previous values and sets {@code alx_sync_state_read_ok} to 0.
 */
final class SyncStateGauges {

    private static final Logger LOG = Logger.getLogger(SyncStateGauges.class.getName());

    private final Database database;
    private final SyncLocks locks;
    private final AtomicLong readOk = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong retrying = new AtomicLong();
    private final AtomicLong lockHeld = new AtomicLong();
    private final AtomicLong lockAge = new AtomicLong();
    private final AtomicLong lockHeartbeatAge = new AtomicLong();
    private final AtomicLong budget = new AtomicLong();
    private final AtomicLong scheduleGap = new AtomicLong();
    private final AtomicLong enabled = new AtomicLong();
    private final MultiGauge companyLag;

    SyncStateGauges(MeterRegistry registry, Database database, SyncLocks locks) {
        this.database = database;
        this.locks = locks;
        gauge(registry, "alx_sync_state_read_ok", "1 when the last scrape read the sync's state from the database",
                readOk);
        gauge(registry, "alx_sync_companies_parked", "Companies parked after their retries, until an admin retries"
                + " them or their data changes", parked);
        gauge(registry, "alx_sync_companies_retrying", "Companies whose last sync failed, waiting for a retry", retrying);
        gauge(registry, "alx_sync_lock_held", "1 while the sync lock is held, by any node or the PHP cron", lockHeld);
        gauge(registry, "alx_sync_lock_age_seconds", "Seconds since the held sync lock was taken (0 when free),"
                + " on the database clock", lockAge);
        gauge(registry, "alx_sync_lock_heartbeat_age_seconds", "Seconds since the held sync lock's last heartbeat"
                + " (0 when free)", lockHeartbeatAge);
        gauge(registry, "alx_sync_budget_seconds", "The max_sync_time setting", budget);
        gauge(registry, "alx_sync_schedule_longest_gap_seconds", "The longest time between two firings of the"
                + " sync_schedule setting", scheduleGap);
        gauge(registry, "alx_sync_enabled", "The sync_enabled setting", enabled);
        companyLag = MultiGauge.builder("alx_sync_company_lag_seconds")
                .description("Seconds each company's reporting rows are behind Moodle: the database clock less its"
                        + " cursor; absent until its first sync")
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, String name, String description, AtomicLong value) {
        Gauge.builder(name, value, AtomicLong::get).description(description).register(registry);
    }

    /** Reads the state once; a scrape calls it before rendering. */
    void refresh() {
        try (Connection connection = database.connect()) {
            long now = DatabaseClock.now(connection);
            SyncSettings settings = new SettingsStore(database).current();
            budget.set(settings.maxSyncTimeSeconds());
            scheduleGap.set(settings.schedule().longestGapSeconds());
            enabled.set(settings.syncEnabled() ? 1 : 0);
            long[] counts = new CompanyStatusQuery(database).parkedAndRetrying();
            parked.set(counts[0]);
            retrying.set(counts[1]);
            Optional<LockState> lock = locks.lock().state();
            lockHeld.set(lock.isPresent() ? 1 : 0);
            lockAge.set(lock.map(held -> Math.max(0, held.databaseNow() - held.acquiredAt())).orElse(0L));
            lockHeartbeatAge.set(lock.map(held -> Math.max(0, held.ageSeconds())).orElse(0L));
            Map<Long, Long> cursors = new CompanyCursors(database).all();
            companyLag.register(cursors.entrySet().stream().map(cursor -> MultiGauge.Row.of(
                    Tags.of("company", String.valueOf(cursor.getKey())), Math.max(0, now - cursor.getValue())))
                    .toList(), true);
            readOk.set(1);
        } catch (Exception e) {
            readOk.set(0);
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "metrics: could not read the sync's state; the gauges keep"
                    + " their last values", e);
        }
    }
}
