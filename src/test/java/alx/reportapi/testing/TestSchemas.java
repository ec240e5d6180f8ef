package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;

/**
 * The schemas a test database starts from, on MariaDB or H2 alike: Moodle's subset alone (for
 * the lock and the settings, which live in Moodle's own tables), or with the plugin's tables
 * migrated beside it, as an installed site has them.
 */
public final class TestSchemas {

    private TestSchemas() {
    }

    /** Moodle's subset of tables, empty. */
    public static Database moodleSubset(Database database) {
        migrator(database).createMoodleSubset();
        return database;
    }

    /** Moodle's subset of tables and the plugin's, all empty but for what the migrations seed. */
    public static Database moodleSubsetAndPluginTables(Database database) {
        SchemaMigrator migrator = migrator(database);
        migrator.createMoodleSubset();
        migrator.migratePluginTables();
        return database;
    }

    /** The plugin's tables migrated on a database that already holds Moodle's. */
    public static Database pluginTables(Database database) {
        migrator(database).migratePluginTables();
        return database;
    }

    private static SchemaMigrator migrator(Database database) {
        return new SchemaMigrator(database.dataSource(), database.prefix());
    }
}
