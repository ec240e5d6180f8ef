package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.db.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle catches each bug it names, on a table written by hand from what it expects: every
 * test starts from a table the oracle accepts, plants one bug, and sees it reported.
 */
class ReportingOracleTest {

    private H2TestDatabase h2;
    private Database database;
    private final ReportingHistory history = new ReportingHistory();

    @BeforeEach
    void handMadeTable() throws SQLException {
        h2 = new H2TestDatabase("oracle");
        database = h2.database();
        GeneratedMoodle.load(database, 5, 0.01);
        new SchemaMigrator(database.dataSource(), database.prefix()).migratePluginTables();
        List<String> expected = ReportingOracle.expectedRows(database);
        assertTrue(expected.size() > 20, expected.size() + " rows expected");
        Session.autoCommit(database, 30, session -> {
            long now = session.now();
            for (String row : expected) {
                String[] c = row.split("\\|", -1);
                session.update("INSERT INTO {local_alx_api_reporting} (companyid, userid, courseid, firstname, lastname,"
                        + " email, username, coursename, timecompleted, timestarted, percentage, status, last_updated,"
                        + " is_deleted, timecreated, timemodified) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                        Long.parseLong(c[0]), Long.parseLong(c[1]), Long.parseLong(c[2]), c[3], c[4], c[5], c[6], c[7],
                        Long.parseLong(c[8]), Long.parseLong(c[9]), new BigDecimal(c[10]), c[11], now, now, now);
            }
            // A tombstone of a pair that no longer qualifies: soft-deleted rows are not compared.
            session.update("INSERT INTO {local_alx_api_reporting} (companyid, userid, courseid, status, last_updated,"
                    + " is_deleted) VALUES (1, 999999, 2, 'completed', ?, 1)", now);
            return null;
        });
        assertEquals("", ReportingOracle.differences(database, history), "the hand-made table is right");
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    @Test
    void aLiveRowThatShouldNotExistIsCaught() throws SQLException {
        Session.autoCommit(database, 10, session -> session.update("UPDATE {local_alx_api_reporting}"
                + " SET is_deleted = 0, last_updated = ? WHERE userid = 999999", session.now()));
        String differences = ReportingOracle.differences(database, history);
        assertTrue(differences.contains("1 live but not expected") && !differences.contains("last_updated"), differences);
    }

    @Test
    void aMissingOrWrongRowIsCaught() throws SQLException {
        update("UPDATE {local_alx_api_reporting} SET percentage = 12.5 WHERE id = (SELECT MIN(id)"
                + " FROM {local_alx_api_reporting})");
        assertTrue(ReportingOracle.differences(database, history).contains("1 expected but not live"));
    }

    @Test
    void aRowNeitherLiveNorSoftDeletedIsCaught() throws SQLException {
        update("UPDATE {local_alx_api_reporting} SET is_deleted = 2 WHERE userid = 999999");
        assertTrue(ReportingOracle.differences(database, history).contains("1 rows neither live nor soft-deleted"));
    }

    @Test
    void aKeyThatDisappearsIsCaughtEvenWhenNothingLiveChanged() throws SQLException {
        update("DELETE FROM {local_alx_api_reporting} WHERE userid = 999999");
        String differences = ReportingOracle.differences(database, history);
        assertTrue(differences.startsWith("1 keys the table held have disappeared"), differences);
        assertTrue(ReportingOracle.differences(database, history).contains("disappeared"), "and again, until it is back");
    }

    @Test
    void aSoftDeleteThatKeepsLastUpdatedIsCaught() throws SQLException {
        long deleted = update("UPDATE {local_alx_api_reporting} SET is_deleted = 1 WHERE id = (SELECT MIN(id)"
                + " FROM {local_alx_api_reporting})");
        assertEquals(1, deleted);
        String differences = ReportingOracle.differences(database, history);
        assertTrue(differences.contains("1 rows soft-deleted without moving last_updated"), differences);
    }

    @Test
    void aReviveThatKeepsLastUpdatedIsCaught() throws SQLException {
        update("UPDATE {local_alx_api_reporting} SET is_deleted = 0 WHERE userid = 999999");
        String differences = ReportingOracle.differences(database, history);
        assertTrue(differences.contains("1 rows revived without moving last_updated"), differences);
    }

    @Test
    void aSoftDeleteAndAReviveThatMoveLastUpdatedPassTheTombstoneChecks() throws SQLException {
        Session.autoCommit(database, 10, session -> session.update("UPDATE {local_alx_api_reporting}"
                + " SET is_deleted = 1 - is_deleted, last_updated = ? WHERE userid = 999999 OR id = (SELECT MIN(id)"
                + " FROM {local_alx_api_reporting})", session.now()));
        String differences = ReportingOracle.differences(database, history);
        assertTrue(differences.contains("1 expected but not live") && differences.contains("1 live but not expected")
                && !differences.contains("last_updated"), differences);
    }

    private long update(String sql) throws SQLException {
        return Session.autoCommit(database, 10, session -> (long) session.update(sql));
    }
}
