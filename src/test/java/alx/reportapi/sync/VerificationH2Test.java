package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.CapturedLog;
import alx.reportapi.testing.ReportingOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rolling verification (README, Behavior 16): a row that no detection would revisit is
 * corrected once the window has passed, the correction is counted in the run log and logged
 * with its pair and column; before the window has passed, nothing is owed and the row stays.
 */
class VerificationH2Test {

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void loadSite() throws Exception {
        site = HarnessedSite.onH2("verification", 21, 0.05);
        database = site.database();
        harness = site.harness();
        site.syncInFull(200);
        assertEquals("", ReportingOracle.differences(database));
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aRowNoDetectionRevisitsIsCorrectedOnceTheWindowHasPassedAndTheCorrectionIsCounted() throws Exception {
        // A change that leaves no trace in Moodle: the stored row itself is wrong.
        execute("UPDATE {local_alx_api_reporting} SET percentage = 13.00"
                + " WHERE id = (SELECT MIN(id) FROM {local_alx_api_reporting} WHERE is_deleted = 0)");
        RunEnd soon = harness.run(3600, 200);
        assertEquals(RunOutcome.COMPLETED, soon.outcome(), soon.message());
        assertNotEquals("", ReportingOracle.differences(database), "seconds after a full sync, nothing is owed");
        assertEquals(0, lastRun().corrections());

        // A whole window later, every member is owed.
        execute("UPDATE {local_alx_api_verification} SET paid_until = paid_until - 86400");
        try (CapturedLog log = CapturedLog.of(ReportingRowWriter.class)) {
            RunEnd later = harness.run(3600, 200);
            assertEquals(RunOutcome.COMPLETED, later.outcome(), later.message());
            assertEquals("", ReportingOracle.differences(database));
            assertEquals(1, lastRun().corrections(), "exactly the one wrong row was corrected");
            List<String> warnings = log.messages(Level.WARNING);
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).contains("percentage differed"), warnings.get(0));
        }

        execute("UPDATE {local_alx_api_verification} SET paid_until = paid_until - 86400");
        RunEnd again = harness.run(3600, 200);
        assertEquals(RunOutcome.COMPLETED, again.outcome(), again.message());
        assertEquals(0, lastRun().corrections(), "a right table needs no correction");
    }

    private RunLogEntry lastRun() throws SQLException {
        return new RunLog(database).recent(0, 1).get(0);
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(database.sql(template));
        }
    }
}
