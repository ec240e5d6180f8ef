package alx.reportapi.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.Optional;

/**
 * Builds the bounded connection pool the product uses when the WAR carries its own driver
 * (a pool without a bound lets its holders exhaust the database's connections).
 */
public final class DataSources {

    /** Small on purpose: the sync runs one statement at a time; the admin page and API need a few more. */
    public static final int DEFAULT_POOL_SIZE = 8;

    private DataSources() {
    }

    public static HikariDataSource pool(DatabaseSettings settings, int maximumSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("local_alx_report_api");
        config.setMaximumPoolSize(maximumSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
        config.setLeakDetectionThreshold(Duration.ofMinutes(2).toMillis());
        config.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
        Optional<String> url = settings.url();
        if (url.isPresent()) {
            config.setDriverClassName("com.mysql.cj.jdbc.Driver");
            config.setJdbcUrl(url.get());
            config.setUsername(settings.user());
            config.setPassword(settings.password());
            // Bounded network waits: a lost connection surfaces as an error, never a hang.
            config.addDataSourceProperty("connectTimeout", "10000");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // A sync runs thousands of short statements, and an incremental run is mostly their
            // round trips: the driver keeps each statement's parse and the session's autocommit
            // and isolation on the client instead of parsing again or asking the server.
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            // Large enough for the sync's multi-row upserts (about 18 KB of SQL for 500 rows), which
            // would otherwise be parsed again at every page.
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "32768");
            config.addDataSourceProperty("useLocalSessionState", "true");
        } else {
            config.setDriverClassName("org.h2.Driver");
            config.setJdbcUrl(settings.demoUrl());
            config.setUsername("sa");
            config.setPassword("");
        }
        return new HikariDataSource(config);
    }
}
