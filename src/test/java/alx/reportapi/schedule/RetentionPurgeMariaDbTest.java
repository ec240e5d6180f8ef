package alx.reportapi.schedule;

import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The daily purge keeps the audit trail as long as the run log, not forever. */
class RetentionPurgeMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("retention");

    @Test
    void auditEntriesOlderThanTheRunLogRetentionArePurgedAndNewerOnesKept() throws SQLException {
        execute("INSERT INTO {config_plugins} (plugin, name, value)"
                + " VALUES ('local_alx_report_api', 'run_log_retention_days', '7')");
        for (int daysAgo : new int[] {400, 8, 6, 0}) {
            execute("INSERT INTO {local_alx_api_audit} (timecreated, username, action, target, outcome, detail, node)"
                    + " VALUES (UNIX_TIMESTAMP() - " + daysAgo + " * 86400, 'admin', 'login', '', 'done', '', 'n')");
        }
        RetentionPurge purge = new RetentionPurge();
        purge.database = mariaDb.database();

        purge.purge();

        assertEquals(2, count("SELECT COUNT(*) FROM {local_alx_api_audit}"));
        assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_audit} WHERE timecreated < UNIX_TIMESTAMP() - 7 * 86400"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(mariaDb.database().sql(sql));
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(mariaDb.database().sql(sql))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
