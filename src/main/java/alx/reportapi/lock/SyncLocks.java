package alx.reportapi.lock;

import alx.reportapi.db.AlxDatabase;
import alx.reportapi.db.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The application's sync lock. Stale after one hour without a heartbeat; tests shorten that with
 * {@code ALX_LOCK_STALE_SECONDS} (the admin page shows it, never edits it).
 */
@ApplicationScoped
public class SyncLocks {

    public static final String STALE_SECONDS = "ALX_LOCK_STALE_SECONDS";

    @Inject
    Database database;

    private volatile SyncLock lock;

    public SyncLock lock() {
        if (lock == null) {
            lock = new SyncLock(database, staleAfterSeconds());
        }
        return lock;
    }

    public long staleAfterSeconds() {
        return AlxDatabase.configValue(STALE_SECONDS).map(Long::parseLong).orElse(SyncLock.DEFAULT_STALE_SECONDS);
    }
}
