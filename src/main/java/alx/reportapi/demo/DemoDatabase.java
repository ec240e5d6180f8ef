package alx.reportapi.demo;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The embedded database of the demo: the Moodle/IOMAD subset, filled with a small generated site
 * on first start and kept across restarts.
 */
public final class DemoDatabase {

    private static final Logger LOG = Logger.getLogger(DemoDatabase.class.getName());

    /** 3 companies, 3,000 users, 15 courses: big enough to look real, small enough to load in seconds. */
    public static final double DEMO_SCALE = 0.3;
    public static final long DEMO_SEED = 42;

    private DemoDatabase() {
    }

    public static void prepare(Database database) {
        new SchemaMigrator(database.dataSource(), database.prefix()).createMoodleSubset();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            try (ResultSet rs = statement.executeQuery(database.sql("SELECT COUNT(*) FROM {company}"))) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    LOG.info(() -> Plugin.LOG_PREFIX + "demo database already holds a generated site");
                    return;
                }
            }
            GeneratedSite site = new MoodleDataGenerator(DEMO_SEED, DEMO_SCALE).load(connection, database.prefix());
            LOG.info(() -> String.format(Plugin.LOG_PREFIX + "demo database seeded: %d companies, %d users,"
                    + " %d courses, %d enrolments in %.1f s", site.companies(), site.users(), site.courses(),
                    site.enrolments(), site.seconds()));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not seed the demo database: " + e.getMessage(), e);
        }
    }
}
