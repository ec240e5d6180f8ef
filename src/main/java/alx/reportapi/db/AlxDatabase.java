package alx.reportapi.db;

import alx.reportapi.Plugin;
import alx.reportapi.ShutdownTrace;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.config.ConfigProvider;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The application's one database: the pool inside the WAR built from {@code ALX_DB_URL}, a
 * server-managed pool named by {@code ALX_DATASOURCE}, or the embedded demo database.
 */
@ApplicationScoped
public class AlxDatabase {

    private static final Logger LOG = Logger.getLogger(AlxDatabase.class.getName());
    public static final String POOL_SIZE = "ALX_DB_POOL_SIZE";

    private DatabaseSettings settings;
    private HikariDataSource ownPool;
    private Database database;

    @PostConstruct
    void open() {
        settings = DatabaseSettings.from(AlxDatabase::configValue);
        DataSource dataSource;
        if (settings.dataSource().isPresent()) {
            dataSource = lookup(settings.dataSource().get());
        } else {
            int size = configValue(POOL_SIZE).map(Integer::parseInt).orElse(DataSources.DEFAULT_POOL_SIZE);
            ownPool = DataSources.pool(settings, size);
            dataSource = ownPool;
        }
        database = new Database(dataSource, settings.prefix());
        LOG.info(() -> Plugin.LOG_PREFIX + "database: " + settings.describe() + ", table prefix '"
                + settings.prefix().value() + "'");
    }

    @PreDestroy
    void close() {
        if (ownPool != null) {
            ShutdownTrace.step(LOG, Plugin.LOG_PREFIX + "closing the connection pool");
            ownPool.close();
        }
    }

    @Produces
    public Database database() {
        return database;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** The pool inside the WAR, when there is one: for pool metrics. */
    public Optional<HikariDataSource> ownPool() {
        return Optional.ofNullable(ownPool);
    }

    /** An ALX_* key from MicroProfile Config, whose sources include the environment. */
    public static Optional<String> configValue(String key) {
        return ConfigProvider.getConfig().getOptionalValue(key, String.class);
    }

    private static DataSource lookup(String jndiName) {
        try {
            return InitialContext.doLookup(jndiName);
        } catch (NamingException e) {
            throw new StartupRefusedException("ALX_DATASOURCE names '" + jndiName + "', which the server does not"
                    + " have: create that JDBC resource on the server, or set ALX_DB_URL instead.", e);
        }
    }
}
