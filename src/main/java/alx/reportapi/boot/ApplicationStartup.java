package alx.reportapi.boot;

import alx.reportapi.Plugin;
import alx.reportapi.api.DemoOpsToken;
import alx.reportapi.api.OpsAccess;
import alx.reportapi.db.AlxDatabase;
import alx.reportapi.db.Database;
import alx.reportapi.db.MoodleSchemaCheck;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.db.StartupRefusedException;
import alx.reportapi.demo.DemoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prepares the database before anything else runs. Throwing here fails the deployment, which is
 * what an operator wants from a database the product cannot safely use.
 */
@Startup
@Singleton
// Migrations and the seed commit on their own connections; no container transaction is wanted.
@TransactionManagement(TransactionManagementType.BEAN)
public class ApplicationStartup {

    private static final Logger LOG = Logger.getLogger(ApplicationStartup.class.getName());

    @Inject
    AlxDatabase alxDatabase;

    private volatile boolean ready;

    @PostConstruct
    void prepareDatabase() {
        try {
            Database database = alxDatabase.database();
            if (alxDatabase.settings().isDemo()) {
                DemoDatabase.prepare(database);
            }
            MoodleSchemaCheck.requireMoodleTables(database.dataSource(), database.prefix());
            new SchemaMigrator(database.dataSource(), database.prefix()).migratePluginTables();
            if (alxDatabase.settings().isDemo() && AlxDatabase.configValue(OpsAccess.OPS_TOKEN).isEmpty()) {
                // Printed once, never stored: the demo has no fixed default credential.
                LOG.info(Plugin.LOG_PREFIX + "demo operations token (ALX_OPS_TOKEN was not set): "
                        + DemoOpsToken.generate());
            }
            ready = true;
            LOG.info(Plugin.LOG_PREFIX + "ready");
        } catch (StartupRefusedException e) {
            LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "start-up refused: {0}", e.getMessage());
            throw e;
        }
    }

    public boolean isReady() {
        return ready;
    }
}
