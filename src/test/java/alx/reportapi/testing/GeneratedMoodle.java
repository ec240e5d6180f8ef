package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.demo.GeneratedSite;
import alx.reportapi.demo.MoodleDataGenerator;
import alx.reportapi.settings.SettingsStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Loads the Moodle subset and a generated site into a test database. The site's scheduled sync
 * is off: the default hourly timer would otherwise start a run at :00 that races the runs a test
 * starts itself (a CI run once saw ConnectionPoolIT's run skipped that way). Tests of the timer
 * turn it on and off again.
 */
public final class GeneratedMoodle {

    private GeneratedMoodle() {
    }

    public static GeneratedSite load(Database database, long seed, double scale) throws SQLException {
        new SchemaMigrator(database.dataSource(), database.prefix()).createMoodleSubset();
        GeneratedSite site;
        try (Connection connection = database.connect()) {
            site = new MoodleDataGenerator(seed, scale).load(connection, database.prefix());
        }
        new SettingsStore(database).save("sync_enabled", "0");
        return site;
    }
}
