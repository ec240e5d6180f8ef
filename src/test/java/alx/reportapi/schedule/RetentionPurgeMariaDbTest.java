package alx.reportapi.schedule;

import alx.reportapi.db.Database;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daily purge keeps the audit trail as long as the run log, not forever. */
class RetentionPurgeMariaDbTest {

    private TestDatabase testDatabase;
    private Database database;

    @BeforeEach
    void setUp() throws SQLException {
        testDatabase = TestDatabase.create("retention");
        database = testDatabase.database();
        TestSchemas.moodleSubsetAndPluginTables(database);
    }

    @AfterEach
    void tearDown() {
        testDatabase.close();
    }

    @Test
    void auditEntriesOlderThanTheRunLogRetentionArePurgedAndNewerOnesKept() throws SQLException {
        execute("INSERT INTO {config_plugins} (plugin, name, value)"
                + " VALUES ('local_alx_report_api', 'run_log_retention_days', '7')");
        for (int daysAgo : new int[] {400, 8, 6, 0}) {
            execute("INSERT INTO {local_alx_api_audit} (timecreated, username, action, target, outcome, detail, node)"
                    + " VALUES (UNIX_TIMESTAMP() - " + daysAgo + " * 86400, 'admin', 'login', '', 'done', '', 'n')");
        }
        RetentionPurge purge = new RetentionPurge();
        purge.database = database;

        purge.purge();

        assertEquals(2, count("SELECT COUNT(*) FROM {local_alx_api_audit}"));
        assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_audit} WHERE timecreated < UNIX_TIMESTAMP() - 7 * 86400"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(database.sql(sql));
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql(sql))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
