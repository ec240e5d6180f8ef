package alx.reportapi.observe;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Optional;

/**
 * Ready when the database answers, every migration of this build is applied, and the sync lock is
 * not stale: a stale lock means a run died holding it, which an operator should look at.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 5;

    @Inject
    Database database;

    @Inject
    SyncLocks syncLocks;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("local_alx_report_api_sync").up();
        try (Connection connection = database.connect(TIMEOUT_SECONDS);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
            response.withData("database", "reachable");
        } catch (Exception e) {
            return response.down().withData("database", "unreachable: " + e.getClass().getSimpleName()).build();
        }
        try {
            int pending = new SchemaMigrator(database.dataSource(), database.prefix()).pendingMigrations();
            response.withData("pendingMigrations", pending);
            if (pending > 0) {
                response.down();
            }
        } catch (Exception e) {
            return response.down().withData("migrations", "unknown: " + e.getClass().getSimpleName()).build();
        }
        try {
            Optional<LockState> lock = syncLocks.lock().state();
            response.withData("lock", lock.map(LockState::describe).orElse("free"));
            if (lock.isPresent() && lock.get().stale()) {
                response.down();
            }
        } catch (Exception e) {
            return response.down().withData("lock", "unreadable: " + e.getClass().getSimpleName()).build();
        }
        return response.build();
    }
}
