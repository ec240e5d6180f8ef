package alx.reportapi.observe;

import alx.reportapi.db.Database;
import alx.reportapi.lock.SyncLocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The deployment's one meter registry: the sync's meters ({@link SyncMetrics}) and the report
 * API's ({@link ReportApiMetrics}) register here, and {@link MetricsServlet} renders it in
 * Prometheus text with the sync's shared state read at each scrape ({@link SyncStateGauges}).
 */
@ApplicationScoped
public class ProductMeters {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Object stateLock = new Object();

    @Inject
    Database database;

    @Inject
    SyncLocks locks;

    private SyncStateGauges state;

    /** Where the product's meters register; public because CDI calls it through this bean's proxy. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The meters in Prometheus text, with the shared state read now. */
    public String scrape() {
        synchronized (stateLock) {
            if (state == null) {
                state = new SyncStateGauges(registry, database, locks);
            }
            state.refresh();
            return registry.scrape();
        }
    }
}
