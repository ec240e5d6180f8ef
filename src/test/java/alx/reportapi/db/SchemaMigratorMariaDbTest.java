package alx.reportapi.db;

import alx.reportapi.testing.CapturedLog;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plugin's migrations on a real MariaDB: what they create, what they leave alone, what they refuse. */
class SchemaMigratorMariaDbTest {

    private TestDatabase database;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create("migrate");
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void migrationsApplyToAnEmptyDatabase() throws SQLException {
        SchemaMigrator migrator = new SchemaMigrator(database.dataSource(), new TablePrefix("mdl_"));
        assertTrue(migrator.migratePluginTables() >= 2);
        assertTrue(tables().containsAll(List.of("mdl_local_alx_api_reporting", "mdl_local_alx_api_sync_status",
                "mdl_local_alx_api_settings", "mdl_local_alx_api_company_sync", "mdl_local_alx_api_sync_runs")));
        assertTrue(!tables().contains("mdl_config_plugins"), "config_plugins is Moodle's, never created by the product");
        assertEquals(0, migrator.pendingMigrations());
        try (CapturedLog log = CapturedLog.of(SchemaMigrator.class)) {
            assertEquals(0, migrator.migratePluginTables(), "a second deploy applies nothing");
            assertEquals(List.of("[local_alx_report_api] schema at version " + migrator.latestKnownVersion()
                    + " (0 migration(s) applied)"), log.messages(Level.INFO), "and still names the version");
        }
    }

    @Test
    void migrationsLeaveAnExistingMoodleDatabaseUntouched() throws SQLException {
        SchemaMigrator migrator = new SchemaMigrator(database.dataSource(), new TablePrefix("mdl_"));
        migrator.createMoodleSubset();
        execute("INSERT INTO mdl_user (username, firstname, lastname, email) VALUES ('kept', 'Kept', 'User', 'k@x')");
        execute("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api', 'max_sync_time', '600')");
        String before = checksum("mdl_user") + checksum("mdl_config_plugins");
        migrator.migratePluginTables();
        assertEquals(before, checksum("mdl_user") + checksum("mdl_config_plugins"));
    }

    @Test
    void aDatabaseMigratedByANewerReleaseIsRefusedWithWhatToDo() throws SQLException {
        SchemaMigrator migrator = new SchemaMigrator(database.dataSource(), new TablePrefix("mdl_"));
        migrator.migratePluginTables();
        execute("INSERT INTO mdl_local_alx_api_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future', 'SQL',"
                + " 'V99__future.sql', 0, 'root', 1, 1)");
        StartupRefusedException refused = assertThrows(StartupRefusedException.class, migrator::migratePluginTables);
        assertTrue(refused.getMessage().contains("newer than this build"), refused.getMessage());
        assertTrue(refused.getMessage().contains("Nothing was changed"), refused.getMessage());
    }

    @Test
    void aMoodleDatabaseMissingATableTheProductReadsIsRefusedByName() throws SQLException {
        new SchemaMigrator(database.dataSource(), new TablePrefix("mdl_")).createMoodleSubset();
        MoodleSchemaCheck.requireMoodleTables(database.dataSource(), new TablePrefix("mdl_"));
        execute("DROP TABLE mdl_company_users");
        StartupRefusedException refused = assertThrows(StartupRefusedException.class,
                () -> MoodleSchemaCheck.requireMoodleTables(database.dataSource(), new TablePrefix("mdl_")));
        assertTrue(refused.getMessage().contains("mdl_company_users"), refused.getMessage());
    }

    @Test
    void anotherPrefixKeepsItsTablesApart() throws SQLException {
        new SchemaMigrator(database.dataSource(), new TablePrefix("m2_")).migratePluginTables();
        assertTrue(tables().contains("m2_local_alx_api_reporting"));
        assertTrue(tables().stream().noneMatch(t -> t.startsWith("mdl_")));
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW TABLES")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private String checksum(String table) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("CHECKSUM TABLE " + table)) {
            rs.next();
            return rs.getString(2);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
