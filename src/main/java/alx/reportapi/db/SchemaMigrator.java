package alx.reportapi.db;

import alx.reportapi.Plugin;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Versioned schema of the plugin's tables (Flyway, {@code db/migration}), under the table prefix.
 * <p>
 * A Moodle database is never empty, so Flyway baselines at version 0 and then applies every
 * migration; each one uses {@code CREATE TABLE IF NOT EXISTS}, so a site that already runs the PHP
 * plugin keeps its tables exactly as they are (README, Behavior 1).
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /** The product's migrations. */
    public static final String PLUGIN_LOCATION = "classpath:db/migration";
    /** Moodle/IOMAD tables for the demo and the tests only: a real Moodle owns these. */
    public static final String MOODLE_SUBSET_LOCATION = "classpath:db/moodle-subset";

    private final DataSource dataSource;
    private final TablePrefix prefix;

    public SchemaMigrator(DataSource dataSource, TablePrefix prefix) {
        this.dataSource = dataSource;
        this.prefix = prefix;
    }

    /** History table of the product's migrations; under the prefix, beside the plugin's tables. */
    public String historyTable() {
        return prefix.table("local_alx_api_schema_history");
    }

    /**
     * Applies pending migrations of the plugin tables, after refusing a database that a newer build
     * has already migrated.
     *
     * @return the number of migrations applied
     */
    public int migratePluginTables() {
        Flyway flyway = flyway(PLUGIN_LOCATION, historyTable());
        refuseNewerSchema(flyway.info());
        try {
            MigrateResult result = flyway.migrate();
            // Flyway names a target version only when it applied something.
            String version = result.targetSchemaVersion != null ? result.targetSchemaVersion
                    : Optional.ofNullable(flyway.info().current()).map(applied -> applied.getVersion().getVersion())
                            .orElse("none");
            LOG.info(() -> Plugin.LOG_PREFIX + "schema at version " + version + " ("
                    + result.migrationsExecuted + " migration(s) applied)");
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new StartupRefusedException("Migrating the plugin tables failed: " + e.getMessage()
                    + " Fix the cause above (permissions to CREATE/ALTER tables, disk space), then redeploy;"
                    + " Flyway records what was applied in " + historyTable() + ".", e);
        }
    }

    /** Creates the Moodle/IOMAD subset the product reads. Only for the demo database and the tests. */
    public void createMoodleSubset() {
        flyway(MOODLE_SUBSET_LOCATION, prefix.table("alx_demo_moodle_history")).migrate();
    }

    /** Migrations of this build not yet applied to the database; 0 once deploy has migrated it. */
    public int pendingMigrations() {
        return flyway(PLUGIN_LOCATION, historyTable()).info().pending().length;
    }

    /** The newest version this build knows, e.g. "1". */
    public String latestKnownVersion() {
        MigrationInfo[] all = flyway(PLUGIN_LOCATION, historyTable()).info().all();
        return Arrays.stream(all)
                .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion).filter(v -> v != null)
                .reduce((a, b) -> a.compareTo(b) >= 0 ? a : b)
                .map(Object::toString).orElse("0");
    }

    private void refuseNewerSchema(MigrationInfoService info) {
        Optional<MigrationInfo> future = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .reduce((a, b) -> a.getVersion().compareTo(b.getVersion()) >= 0 ? a : b);
        if (future.isPresent()) {
            throw new StartupRefusedException("The database schema is at version " + future.get().getVersion()
                    + " (" + future.get().getDescription() + "), newer than this build, which knows up to version "
                    + latestKnownVersion() + ". A newer release of the product has migrated this database:"
                    + " deploy that release or a later one, or restore the database from before the upgrade."
                    + " Nothing was changed.");
        }
    }

    private Flyway flyway(String location, String historyTable) {
        return Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(location)
                .table(historyTable)
                .placeholders(Map.of("prefix", prefix.value()))
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("before local_alx_report_api")
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .load();
    }
}
