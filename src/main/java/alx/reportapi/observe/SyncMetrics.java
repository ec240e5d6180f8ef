package alx.reportapi.observe;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Locale;

/**
 * The sync's meters: runs by outcome, rows written, locks acquired or skipped, run duration and
 * budget stops, in the deployment's registry ({@link ProductMeters}).
 */
@ApplicationScoped
public class SyncMetrics {

    private MeterRegistry registry;
    private Counter rowsWritten;
    private Counter rowsDeleted;
    private Counter corrections;
    private Counter budgetStops;
    private Timer duration;

    /** For the CDI proxy only. */
    protected SyncMetrics() {
    }

    @Inject
    public SyncMetrics(ProductMeters meters) {
        this(meters.registry());
    }

    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        rowsWritten = Counter.builder("alx_sync_rows_written")
                .description("Reporting rows inserted or updated by the sync").register(registry);
        rowsDeleted = Counter.builder("alx_sync_rows_soft_deleted")
                .description("Reporting rows soft-deleted by the sync").register(registry);
        corrections = Counter.builder("alx_sync_verification_corrections")
                .description("Reporting rows the rolling verification corrected: changes no other detection found")
                .register(registry);
        budgetStops = Counter.builder("alx_sync_budget_stops")
                .description("Runs that max_sync_time ended before every company was reached").register(registry);
        duration = Timer.builder("alx_sync_run_duration")
                .description("Duration of runs that held the lock").register(registry);
    }

    public void lockAcquired() {
        lockCounter("acquired").increment();
    }

    public void lockSkipped() {
        lockCounter("skipped").increment();
    }

    /** Records a finished run that held the lock. */
    public void runEnded(String outcome, long written, long deleted, Duration took, boolean budgetStopped) {
        runCounter(outcome).increment();
        rowsWritten.increment(written);
        rowsDeleted.increment(deleted);
        duration.record(took);
        if (budgetStopped) {
            budgetStops.increment();
        }
    }

    public void verificationCorrected(int rows) {
        corrections.increment(rows);
    }

    /** Records a run that ended without holding the lock (skipped) or without its listener (timed out). */
    public void runOutcome(String outcome) {
        runCounter(outcome).increment();
    }

    private Counter runCounter(String outcome) {
        return Counter.builder("alx_sync_runs").description("Sync runs by outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT)).register(registry);
    }

    private Counter lockCounter(String result) {
        return Counter.builder("alx_sync_lock_attempts").description("Attempts to take the sync lock by result")
                .tag("result", result).register(registry);
    }
}
