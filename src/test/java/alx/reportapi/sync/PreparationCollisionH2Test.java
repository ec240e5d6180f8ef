package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.ReportingOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Two runs collide through the run's scratch state (README, Behavior 3): a run held before its
 * preparation loses its lock to the watchdog, a second run takes the lock and collects the site's
 * changes, and the first one then prepares. Its preparation must write nothing (not empty the
 * second run's collection), so the second run's companies complete with every change.
 */
class PreparationCollisionH2Test {

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void loadSite() throws Exception {
        site = HarnessedSite.onH2("collision", 31, 0.05);
        database = site.database();
        harness = site.harness();
        site.syncInFull(200);
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aRunHeldBeforeItsPreparationWhoseLockWasFreedDisturbsNothingOfTheNextRun() throws Exception {
        SyncHarness.OpenRun held = harness.open(3600, 200);
        freeLock();
        new MoodleChanges(database, 5).apply(20);
        assertNotEquals("", ReportingOracle.differences(database), "the changes are news to the table");

        SyncHarness.OpenRun next = harness.open(3600, 200);
        next.prepare();
        String collected = collection();
        assertNotEquals("0/0", collected, "the next run collected the changes");

        held.prepare();
        assertEquals(collected, collection(), "the run without the lock left the next run's collection alone");
        assertEquals(RunOutcome.FAILED, held.finish(item -> { }).outcome());

        RunEnd completed = next.finish(item -> { });
        assertEquals(RunOutcome.COMPLETED, completed.outcome(), completed.message());
        assertEquals("", ReportingOracle.differences(database), "no change was lost");
    }

    /** The run's collection: pairs fanned out to companies, and their changed_at sum. */
    private String collection() throws SQLException {
        return Session.autoCommit(database, 10, session -> session.first(
                "SELECT COUNT(*), COALESCE(SUM(changed_at), 0) FROM {local_alx_api_company_changes}",
                rs -> rs.getLong(1) + "/" + rs.getLong(2)).orElseThrow());
    }

    /** What the watchdog does to a run it gives up on. */
    private void freeLock() throws SQLException {
        Session.autoCommit(database, 10, session -> session.update("UPDATE {config_plugins} SET value = ''"
                + " WHERE plugin = 'local_alx_report_api' AND name IN ('sync_task_lock', 'sync_task_lock_holder')"));
    }
}
