package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.demo.GeneratedSite;
import alx.reportapi.demo.MoodleDataGenerator;

import java.sql.Connection;
import java.sql.SQLException;

/** Loads the Moodle subset and a generated site into a test database. */
public final class GeneratedMoodle {

    private GeneratedMoodle() {
    }

    public static GeneratedSite load(Database database, long seed, double scale) throws SQLException {
        new SchemaMigrator(database.dataSource(), database.prefix()).createMoodleSubset();
        try (Connection connection = database.connect()) {
            return new MoodleDataGenerator(seed, scale).load(connection, database.prefix());
        }
    }
}
