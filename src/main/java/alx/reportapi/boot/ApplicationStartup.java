package alx.reportapi.boot;

import alx.reportapi.api.DemoOpsToken;
import alx.reportapi.api.OpsAccess;
import alx.reportapi.db.AlxDatabase;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.SyncLocks;
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

import java.sql.SQLException;
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

    @Inject
    ThisNode thisNode;

    @Inject
    SyncLocks syncLocks;

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
            recoverLocksOfDeadIncarnations(database);
            if (alxDatabase.settings().isDemo() && AlxDatabase.configValue(OpsAccess.OPS_TOKEN).isEmpty()) {
                // Printed once, never stored: the demo has no fixed default credential.
                LOG.info("[local_alx_report_api] demo operations token (ALX_OPS_TOKEN was not set): "
                        + DemoOpsToken.generate());
            }
            ready = true;
            LOG.info("[local_alx_report_api] ready");
        } catch (StartupRefusedException e) {
            LOG.log(Level.SEVERE, "[local_alx_report_api] start-up refused: {0}", e.getMessage());
            throw e;
        }
    }

    /**
     * A lock held by this node's earlier incarnation belongs to a process that is gone (seed 002):
     * it is freed at once, and its run is recorded as failed. Other nodes' locks are not touched.
     */
    private void recoverLocksOfDeadIncarnations(Database database) {
        try {
            int closed = new RunLog(database).closeAllRunning(thisNode.name(), RunOutcome.FAILED,
                    "the node restarted while this run was in progress");
            if (closed > 0) {
                LOG.warning(() -> "[local_alx_report_api] " + closed + " run(s) of this node's previous process"
                        + " were still marked running; recorded as failed");
            }
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "[local_alx_report_api] could not close this node's earlier runs", e);
        }
        for (LockHolder dead : syncLocks.lock().recoverDeadIncarnations(thisNode.name(), thisNode.incarnation())) {
            LOG.warning(() -> "[local_alx_report_api] [execution " + dead.executionId() + "] freed the sync lock"
                    + " of this node's previous incarnation " + dead.incarnation() + " at start-up");
        }
    }

    public boolean isReady() {
        return ready;
    }
}
