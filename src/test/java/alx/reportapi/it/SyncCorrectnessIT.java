package alx.reportapi.it;

import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.ReportingDamage;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.schedule.RetentionPurge;
import alx.reportapi.schedule.SyncTimer;
import alx.reportapi.schedule.SyncWatchdog;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.Metric;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporting table equals the independent oracle of SPEC 2.3 after every kind of run: a full
 * sync, incremental runs after random changes of every kind, runs the budget stopped mid-company,
 * a failed run and its restart, and runs where one company's sync throws.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncCorrectnessIT {

    private static TestDatabase testDatabase;

    @Inject
    Database database;

    @Inject
    RetentionPurge retentionPurge;

    @Inject
    SyncWatchdog watchdog;

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    SyncTimer syncTimer;

    @Deployment
    static WebArchive deployment() throws Exception {
        testDatabase = TestDatabase.create("sync");
        GeneratedMoodle.load(testDatabase.database(), 11, 0.2);
        return Deployments.inContainer(testDatabase, Map.of("ALX_NODE_NAME", "it-node"));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    @Order(1)
    void fullSyncEqualsTheOracle() throws Exception {
        long id = JobRuns.run(3600, 1000);
        RunLogEntry entry = runLog(id);
        assertEquals(RunOutcome.COMPLETED, entry.outcome(), entry.message());
        assertEquals(ReportingOracle.expectedCount(database), entry.rowsWritten());
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(2)
    void incrementalRunsAfterRandomChangesEqualTheOracle() throws Exception {
        for (int round = 0; round < 3; round++) {
            new MoodleChanges(database, 100 + round).apply(60);
            long id = JobRuns.run(3600, 1000);
            RunLogEntry entry = runLog(id);
            assertEquals(RunOutcome.COMPLETED, entry.outcome(), entry.message());
            assertEquals("", ReportingOracle.differences(database), "after round " + round);
        }
    }

    /** An incremental run rewrites exactly the rows whose content changed, and no other. */
    @Test
    @Order(3)
    void anIncrementalRunChangesOnlyTheRowsOfWhatChanged() throws Exception {
        long user = intValue("SELECT MIN(userid) FROM {local_alx_api_reporting} WHERE is_deleted = 0");
        execute("UPDATE {local_alx_api_reporting} SET last_updated = 0");
        execute("UPDATE {user} SET lastname = CONCAT(lastname, 'x'), timemodified = UNIX_TIMESTAMP() WHERE id = " + user);
        long id = JobRuns.run(3600, 1000);
        assertEquals(RunOutcome.COMPLETED, runLog(id).outcome(), runLog(id).message());
        int rowsOfUser = intValue("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE is_deleted = 0 AND userid = " + user);
        assertTrue(rowsOfUser > 0);
        assertEquals(rowsOfUser, intValue("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE last_updated > 0"));
        assertEquals("", ReportingOracle.differences(database));

        // Nothing changed since: every company's pass completes with its detection, ten companies
        // to an item, so the step reads no page at all (an empty page would cost each company a
        // chunk of its own). The cursors skip the overlap window here, which would otherwise
        // re-read the last changes.
        execute("UPDATE {local_alx_api_sync_status} SET last_sync_timestamp = UNIX_TIMESTAMP() + 1");
        long unchanged = JobRuns.run(3600, 1000);
        RunLogEntry entry = runLog(unchanged);
        assertEquals(RunOutcome.COMPLETED, entry.outcome(), entry.message());
        assertEquals(intValue("SELECT COUNT(*) FROM {company}"), entry.companiesDone());
        long itemsRead = JobRuns.operator().getStepExecutions(unchanged).stream()
                .flatMap(step -> Arrays.stream(step.getMetrics()))
                .filter(metric -> metric.getType() == Metric.MetricType.READ_COUNT)
                .mapToLong(Metric::getValue).sum();
        int companies = intValue("SELECT COUNT(*) FROM {company}");
        assertTrue(itemsRead <= (companies + 9) / 10, itemsRead + " items for " + companies + " companies");
        assertEquals(0, intValue("SELECT COUNT(*) FROM {local_alx_api_pending_pairs}"));
        assertEquals(0, intValue("SELECT COUNT(*) FROM {local_alx_api_company_sync} WHERE pass_mode <> ''"));
        assertEquals("", ReportingOracle.differences(database));
    }

    /**
     * With max_sync_time 60, a run writes one page of a company, then pauses it: less than 60 s
     * remain. A company that finished with that page lets the next one start (30 s remain), so a
     * run touches at most one page per company it reached.
     */
    @Test
    @Order(4)
    void runsStoppedByTheBudgetMidCompanyLoseNoChange() throws Exception {
        forceFullResync();
        int partialRuns = 0;
        for (int run = 0; run < 40; run++) {
            new MoodleChanges(database, 200 + run).apply(2);
            long id = JobRuns.run(60, 100);
            RunLogEntry entry = runLog(id);
            if (entry.outcome() == RunOutcome.PARTIAL) {
                partialRuns++;
            } else {
                assertEquals(RunOutcome.COMPLETED, entry.outcome(), entry.message());
            }
            assertTrue(entry.rowsWritten() + entry.rowsDeleted() <= 100L * (entry.companiesDone() + 1),
                    "one page of at most batch_size rows per company: " + entry.message());
        }
        assertTrue(partialRuns > 5, "the budget stopped runs mid-company " + partialRuns + " times");
        // The first run finishes the passes the budget interrupted; changes made while those passes
        // were spread over many runs are after their detection began, so the next run catches them.
        JobRuns.run(3600, 1000);
        JobRuns.run(3600, 1000);
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(5)
    void aRunThatFailsMidwayIsRestartedAndEndsWithTheSameTable() throws Exception {
        forceFullResync();
        Properties parameters = JobRuns.parameters(3600, 100, "test");
        long id = JobRuns.start(parameters);
        JobRuns.awaitCondition(() -> passRowsWritten() > 0 && lockHeldBy(id), Duration.ofMinutes(1), "the first pages");
        stealLock();
        assertEquals(BatchStatus.FAILED, JobRuns.awaitEnd(id, Duration.ofMinutes(2)));
        assertEquals(RunOutcome.FAILED, runLog(id).outcome());
        assertTrue(!ReportingOracle.differences(database).isEmpty() || passRowsWritten() > 0,
                "the failed run left work to do");
        freeStolenLock();

        long restarted = JobRuns.operator().restart(id, parameters);
        assertEquals(BatchStatus.COMPLETED, JobRuns.awaitEnd(restarted, Duration.ofMinutes(2)));
        assertEquals(RunOutcome.COMPLETED, runLog(restarted).outcome(), runLog(restarted).message());
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(6)
    void aCompanyWhoseSyncThrowsIsIsolatedRetriedAndParked() throws Exception {
        long failing = 2;
        forceFullResync();
        execute("CREATE TRIGGER {alx_it_fail} BEFORE INSERT ON {local_alx_api_reporting} FOR EACH ROW"
                + " BEGIN IF NEW.companyid = " + failing + " THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure for company " + failing + "';"
                + " END IF; END");
        try {
            for (int attempt = 1; attempt <= 4; attempt++) {
                long id = JobRuns.run(3600, 1000);
                RunLogEntry entry = runLog(id);
                assertEquals(1, entry.companiesFailed(), entry.message());
                assertTrue(entry.companiesDone() >= 1, "the other companies still finish");
                assertEquals(attempt, intValue("SELECT retry_count FROM {local_alx_api_company_sync} WHERE companyid = "
                        + failing));
                assertEquals(attempt > 3 ? 1 : 0, intValue("SELECT parked FROM {local_alx_api_company_sync}"
                        + " WHERE companyid = " + failing));
                // Retries wait a growing delay; move it into the past rather than waiting.
                execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = 0 WHERE companyid = " + failing);
            }
            long parkedRun = JobRuns.run(3600, 1000);
            assertEquals(0, runLog(parkedRun).companiesFailed(), "a parked company is not attempted");
        } finally {
            execute("DROP TRIGGER IF EXISTS {alx_it_fail}");
        }
        execute("UPDATE {local_alx_api_company_sync} SET parked = 0, retry_count = 0 WHERE companyid = " + failing);
        long id = JobRuns.run(3600, 1000);
        assertEquals(RunOutcome.COMPLETED, runLog(id).outcome());
        assertEquals("", ReportingOracle.differences(database));
    }

    /**
     * Companies with a few changes each share a transaction. One that throws there holds nobody
     * back: the others complete in the same run, and its own change is written once it stops
     * failing.
     */
    @Test
    @Order(7)
    void aCompanyWhoseSmallPassThrowsDoesNotHoldBackTheCompaniesSharingItsTransaction() throws Exception {
        long failing = 2;
        JobRuns.run(3600, 1000);
        assertEquals("", ReportingOracle.differences(database));
        // One renamed user per company: every company's pass is a few pairs, a single page.
        execute("UPDATE {user} SET lastname = CONCAT(lastname, '-renamed7'), timemodified = UNIX_TIMESTAMP() WHERE id IN"
                + " (SELECT MIN(userid) FROM {local_alx_api_reporting} WHERE is_deleted = 0 GROUP BY companyid)");
        execute("CREATE TRIGGER {alx_it_fail_small} BEFORE INSERT ON {local_alx_api_reporting} FOR EACH ROW"
                + " BEGIN IF NEW.companyid = " + failing + " THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure for company " + failing + "';"
                + " END IF; END");
        try {
            long id = JobRuns.run(3600, 1000);
            RunLogEntry entry = runLog(id);
            assertEquals(RunOutcome.COMPLETED, entry.outcome(), entry.message());
            assertEquals(1, entry.companiesFailed(), entry.message());
            assertEquals(intValue("SELECT COUNT(*) FROM {company}") - 1, entry.companiesDone(), entry.message());
            assertEquals(1, intValue("SELECT retry_count FROM {local_alx_api_company_sync} WHERE companyid = " + failing));
            assertEquals(0, intValue("SELECT COUNT(*) FROM {local_alx_api_company_sync} WHERE retry_count > 0"
                    + " AND companyid <> " + failing));
            assertTrue(intValue("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE lastname LIKE '%-renamed7'"
                    + " AND companyid <> " + failing) > 0, "the other companies' renames are written");
            assertEquals(0, intValue("SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE lastname LIKE '%-renamed7'"
                    + " AND companyid = " + failing), "nothing of the failing company's pass is written");
        } finally {
            execute("DROP TRIGGER IF EXISTS {alx_it_fail_small}");
        }
        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = 0 WHERE companyid = " + failing);
        long id = JobRuns.run(3600, 1000);
        assertEquals(RunOutcome.COMPLETED, runLog(id).outcome(), runLog(id).message());
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(8)
    void theRetentionPurgeRemovesOnlyRunLogEntriesOlderThanTheSetting() throws Exception {
        execute("INSERT INTO {local_alx_api_sync_runs} (execution_id, node, trigger_source, outcome, started_at,"
                + " ended_at) VALUES (900001, 'old-node', 'timer', 'completed', UNIX_TIMESTAMP() - 31 * 86400,"
                + " UNIX_TIMESTAMP() - 31 * 86400), (900002, 'old-node', 'timer', 'completed',"
                + " UNIX_TIMESTAMP() - 29 * 86400, UNIX_TIMESTAMP() - 29 * 86400)");
        int before = intValue("SELECT COUNT(*) FROM {local_alx_api_sync_runs}");
        assertEquals(1, retentionPurge.purge(), "the default retention is 30 days");
        assertEquals(before - 1, intValue("SELECT COUNT(*) FROM {local_alx_api_sync_runs}"));
        assertEquals(0, intValue("SELECT COUNT(*) FROM {local_alx_api_sync_runs} WHERE execution_id = 900001"));
    }

    /** Seed 003: a run hung far past its budget is stopped, and when it cannot stop, its lock is freed. */
    @Test
    @Order(9)
    void theWatchdogTimesOutAHungRunAndFreesItsLock() throws Exception {
        forceFullResync();
        long id;
        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            // Holding every queue row makes the run hang in its first statement, as a stuck query would.
            try (Statement statement = blocker.createStatement()) {
                statement.setQueryTimeout(10);
                statement.executeQuery(database.sql("SELECT * FROM {local_alx_api_company_sync} FOR UPDATE")).close();
            }
            id = JobRuns.start(JobRuns.parameters(60, 100, "test"));
            long started = id;
            JobRuns.awaitCondition(() -> lockHeldBy(started) && runningSyncs.get(started).isPresent(),
                    Duration.ofMinutes(1), "the run to take the lock");
            // A stop asked before the step begins would end the run at once; the point here is a
            // run stuck inside a statement, so wait until it waits for the blocker's locks.
            JobRuns.awaitCondition(this::aStatementWaitsForALock, Duration.ofMinutes(1),
                    "the run to hang on the blocked queue rows");

            watchdog.patrol(Instant.now().plus(Duration.ofHours(1)), Duration.ofSeconds(3));

            assertEquals(RunOutcome.TIMED_OUT, runLog(id).outcome(), runLog(id).message());
            assertTrue(runLog(id).message().contains("past its budget"), runLog(id).message());
            assertEquals(0, intValue("SELECT COUNT(*) FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                    + " AND name = 'sync_task_lock' AND value <> ''"), "the hung run's lock was freed");
            blocker.rollback();
        }
        JobRuns.awaitEnd(id, Duration.ofMinutes(2));
        assertEquals(RunOutcome.TIMED_OUT, runLog(id).outcome(), "its late end does not rewrite the outcome");
        JobRuns.run(3600, 1000);
        JobRuns.run(3600, 1000);
        assertEquals("", ReportingOracle.differences(database));
    }

    /** A setting saved elsewhere (another node, the database) reaches this node's timer. */
    @Test
    @Order(10)
    void theTimerFollowsTheSettingsWithoutARedeployAndIsOffWhenTheSyncIsDisabled() throws Exception {
        SettingsStore settings = new SettingsStore(database);
        syncTimer.reschedule();
        assertTrue(syncTimer.nextFire().isEmpty(), "no timer while sync_enabled is off");
        try {
            settings.save("sync_schedule", "*/5 *");
            settings.save("sync_enabled", "1");
            syncTimer.reschedule();
            Date next = syncTimer.nextFire().orElseThrow(() -> new AssertionError("no timer after enabling"));
            assertEquals(0, next.toInstant().atZone(ZoneId.systemDefault()).getMinute() % 5, next.toString());

            settings.save("sync_schedule", "0 *");
            syncTimer.reschedule();
            Date hourly = syncTimer.nextFire().orElseThrow();
            assertEquals(0, hourly.toInstant().atZone(ZoneId.systemDefault()).getMinute(), hourly.toString());
        } finally {
            // Off again, so that no timer races the runs of the tests after this one.
            settings.save("sync_enabled", "0");
            syncTimer.reschedule();
        }
        assertTrue(syncTimer.nextFire().isEmpty(), "no timer once sync_enabled is off again");
    }


    private RunLogEntry runLog(long executionId) throws SQLException {
        return new RunLog(database).byExecution(executionId).orElseThrow(
                () -> new AssertionError("no run log entry for execution " + executionId));
    }

    /**
     * As after a takeover from the PHP plugin: every company's next pass is a full one, and the
     * table it starts from differs from the oracle, so that a final check fails if the pass does nothing.
     */
    private void forceFullResync() throws SQLException {
        ReportingDamage.apply(database);
        execute("UPDATE {local_alx_api_company_sync} SET last_success_at = 0, pass_started_at = 0, pass_rows = 0");
    }

    private long passRowsWritten() {
        try {
            return intValue("SELECT COALESCE(SUM(pass_rows), 0) FROM {local_alx_api_company_sync}");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean aStatementWaitsForALock() {
        try {
            // The run's statement on the queue rows, stuck for a while: nothing else touches
            // them in this test, and no statement of it takes a second unblocked.
            return intValue("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()"
                    + " AND COMMAND = 'Query' AND TIME >= 2 AND INFO LIKE '%local_alx_api_company_sync%'") > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the lock row names this execution as its holder. */
    private boolean lockHeldBy(long executionId) {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                             + " AND name = 'sync_task_lock_holder'"))) {
            statement.setQueryTimeout(10);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getString(1).contains("|" + executionId + "|");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void stealLock() throws SQLException {
        execute("UPDATE {config_plugins} SET value = 'thief-node|thief-incarnation|999|0'"
                + " WHERE plugin = 'local_alx_report_api' AND name = 'sync_task_lock_holder'");
    }

    private void freeStolenLock() throws SQLException {
        execute("DELETE FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                + " AND name IN ('sync_task_lock', 'sync_task_lock_holder')");
    }

    private int intValue(String template) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(template));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            statement.execute(database.sql(template));
        }
    }
}
