package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration guide of docs/OPERATIONS.md, followed on MariaDB: a site with the PHP plugin's
 * tables and rows (two of them wrong, as the PHP plugin's gaps leave them) and its scheduled task,
 * then the guide's statements exactly as the guide prints them, in its order, with the product's
 * migrations and its first sync where the guide deploys it.
 */
class MigrationGuideMariaDbTest {

    private static final Path GUIDE = Path.of("docs/OPERATIONS.md");
    private static final Pattern STEP = Pattern.compile("<!-- migration-sql: ([a-z-]+) -->\\s*```sql\\n(.*?)```",
            Pattern.DOTALL);
    private static final String PHP_TASK = "\\\\local_alx_report_api\\\\task\\\\sync_reporting_data_task";

    private TestDatabase testDatabase;
    private Database database;

    @BeforeEach
    void aSiteRunningThePhpPlugin() throws Exception {
        testDatabase = TestDatabase.create("migration");
        database = testDatabase.database();
        GeneratedMoodle.load(database, 41, 0.05);
        execute("CREATE TABLE mdl_task_scheduled (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + " component VARCHAR(255) NOT NULL, classname VARCHAR(255) NOT NULL, disabled TINYINT NOT NULL DEFAULT 0,"
                + " customised TINYINT NOT NULL DEFAULT 0, UNIQUE KEY (classname))");
        execute("INSERT INTO mdl_task_scheduled (component, classname) VALUES ('local_alx_report_api', '" + PHP_TASK + "'),"
                + " ('core', '\\\\core\\\\task\\\\session_cleanup_task')");
        // The PHP plugin's tables, as its install created them, and the rows its cron kept: here the
        // rows a sync derives, left behind without anything else of this product.
        try (InputStream ddl = SchemaMigrator.class.getResourceAsStream("/db/migration/V1__plugin_tables.sql")) {
            for (String statement : new String(ddl.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", "mdl_")
                    .split(";\\s*\\n")) {
                if (!statement.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("--"))) {
                    execute(statement);
                }
            }
        }
        new SchemaMigrator(testDatabase.dataSource(), database.prefix()).migratePluginTables();
        try (SyncHarness php = new SyncHarness(database)) {
            assertEquals(RunOutcome.COMPLETED, php.run(3600, 1000).outcome());
        }
        for (String table : query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name LIKE 'mdl\\_local\\_alx\\_api\\_%' AND table_name NOT IN ('mdl_local_alx_api_reporting',"
                + " 'mdl_local_alx_api_sync_status', 'mdl_local_alx_api_settings')")) {
            execute("DROP TABLE " + table);
        }
        // Two rows the PHP plugin had wrong: a percentage, and a row it never wrote.
        execute("UPDATE mdl_local_alx_api_reporting SET percentage = 12.5 WHERE id = (SELECT id FROM"
                + " (SELECT MIN(id) AS id FROM mdl_local_alx_api_reporting WHERE is_deleted = 0 AND percentage <> 12.5) r)");
        execute("DELETE FROM mdl_local_alx_api_reporting WHERE id = (SELECT id FROM"
                + " (SELECT MAX(id) AS id FROM mdl_local_alx_api_reporting WHERE is_deleted = 0) r)");
    }

    @AfterEach
    void dropDatabase() {
        testDatabase.close();
    }

    @Test
    void theGuidesStepsInstallVerifyDisableRollBackAndUpgrade() throws Exception {
        List<String[]> steps = guideSteps();
        assertEquals(List.of("backup", "verify", "disable-php-task", "rollback", "restore-php-rows"),
                steps.stream().map(step -> step[0]).toList());
        long phpRows = count("SELECT COUNT(*) FROM mdl_local_alx_api_reporting");

        run(steps.get(0));
        assertEquals(phpRows, count("SELECT COUNT(*) FROM mdl_local_alx_api_reporting_php"), "the copy");

        // Install next to the PHP plugin: the migrations keep its tables and rows.
        assertTrue(new SchemaMigrator(testDatabase.dataSource(), database.prefix()).migratePluginTables() > 0);
        assertEquals(phpRows, count("SELECT COUNT(*) FROM mdl_local_alx_api_reporting"), "the PHP rows are kept");
        try (SyncHarness product = new SyncHarness(database)) {
            assertEquals(RunOutcome.COMPLETED, product.run(3600, 1000).outcome());
        }
        assertEquals("", ReportingOracle.differences(database), "the first sync follows Moodle");
        List<String> differences = query(steps.get(1)[1]);
        assertEquals(List.of("changed", "only in the new table"), differences.stream().sorted().toList(),
                "the verification lists exactly the two rows the PHP plugin had wrong");

        assertEquals(0, count("SELECT disabled FROM mdl_task_scheduled WHERE classname = '" + PHP_TASK + "'"));
        run(steps.get(2));
        assertEquals(1, count("SELECT disabled FROM mdl_task_scheduled WHERE classname = '" + PHP_TASK + "'"),
                "the PHP task is disabled");
        assertEquals(1, count("SELECT customised FROM mdl_task_scheduled WHERE classname = '" + PHP_TASK + "'"));
        assertEquals(0, count("SELECT disabled FROM mdl_task_scheduled WHERE classname LIKE '%session_cleanup_task'"),
                "and no other task");

        // Going back after a run was cut short: its lock is freed and the PHP task runs again.
        execute("INSERT INTO mdl_config_plugins (plugin, name, value) VALUES ('local_alx_report_api', 'sync_task_lock',"
                + " UNIX_TIMESTAMP()), ('local_alx_report_api', 'sync_task_lock_holder', 'node|incarnation|9|1')"
                + " ON DUPLICATE KEY UPDATE value = VALUES(value)");
        run(steps.get(3));
        assertEquals(0, count("SELECT COUNT(*) FROM mdl_config_plugins WHERE name LIKE 'sync\\_task\\_lock%'"));
        assertEquals(0, count("SELECT disabled FROM mdl_task_scheduled WHERE classname = '" + PHP_TASK + "'"));
        run(steps.get(4));
        assertEquals(List.of(), query(steps.get(1)[1]), "the PHP plugin's rows are back as they were");

        // Upgrading: the same migrations again apply nothing and refuse nothing.
        assertEquals(0, new SchemaMigrator(testDatabase.dataSource(), database.prefix()).migratePluginTables());
    }

    /** The guide's SQL steps: name and text, in the guide's order. */
    private static List<String[]> guideSteps() throws IOException {
        Matcher step = STEP.matcher(Files.readString(GUIDE, StandardCharsets.UTF_8));
        List<String[]> steps = new ArrayList<>();
        while (step.find()) {
            steps.add(new String[] {step.group(1), step.group(2)});
        }
        return steps;
    }

    private void run(String[] step) throws SQLException {
        for (String statement : Arrays.stream(step[1].split(";\\s*\\n")).map(String::strip)
                .filter(text -> !text.isEmpty()).toList()) {
            execute(statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        List<String> values = query(sql);
        return Long.parseLong(values.get(0));
    }

    /** The first column of every row. */
    private List<String> query(String sql) throws SQLException {
        String text = sql.strip();
        text = text.endsWith(";") ? text.substring(0, text.length() - 1) : text;
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            try (ResultSet rs = statement.executeQuery(text)) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
