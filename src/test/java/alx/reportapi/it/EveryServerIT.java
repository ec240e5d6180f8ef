package alx.reportapi.it;

import alx.reportapi.testing.ReportingDamage;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.schedule.StopResult;
import alx.reportapi.schedule.SyncControl;
import alx.reportapi.schedule.SyncTimer;
import alx.reportapi.security.PasswordHash;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.sync.SyncReportingDataJob;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What must hold on every server, Payara (IBM JBatch) and WildFly (JBeret) alike, and that the
 * other portable ITs do not already show: the lock is released by the listener whatever the
 * outcome (completed, partial, failed, stopped) and left alone by a skipped run; the outcome comes
 * from the run, never from the batch status afterJob sees; a budget stop is continued by the next
 * run; the timer fires; the job history belongs to the application; the pages answer.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryServerIT {

    private static final String OTHER_NODE_HOLDER = "other-node|other-incarnation|77|";
    private static final String ADMIN_USER = "every-server-admin";
    private static final String ADMIN_PASSWORD = "every-server-" + UUID.randomUUID();
    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*?value=\"([^\"]+)\"");
    private static TestDatabase testDatabase;

    @Inject
    Database database;

    @Inject
    SyncLocks syncLocks;

    @Inject
    SyncControl control;

    @Inject
    SyncTimer timer;

    @Inject
    RunningSyncs runningSyncs;

    @Deployment
    static WebArchive deployment() throws Exception {
        testDatabase = TestDatabase.create("everyserver");
        GeneratedMoodle.load(testDatabase.database(), 13, 0.1);
        return Deployments.inContainer(testDatabase, Map.of("ALX_NODE_NAME", "every-server-node",
                "ALX_ADMIN_USER", ADMIN_USER,
                "ALX_ADMIN_PASSWORD_HASH", PasswordHash.of(ADMIN_PASSWORD.toCharArray()).encoded()));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    /**
     * JBatch ends the job STARTED in afterJob and JBeret COMPLETED; the run log and the exit status
     * the listener sets come from what the run observed, so both servers record the same.
     */
    @Test
    @Order(1)
    void aCompletedRunIsRecordedTheSameWhateverStatusAfterJobSawAndFreesTheLock() throws Exception {
        long id = JobRuns.run(3600, 1000);
        JobExecution execution = JobRuns.operator().getJobExecution(id);
        assertEquals(BatchStatus.COMPLETED, execution.getBatchStatus());
        assertEquals(RunOutcome.COMPLETED.name(), execution.getExitStatus());
        assertEquals(RunOutcome.COMPLETED, runLog(id).outcome(), runLog(id).message());
        assertTrue(runLog(id).rowsWritten() > 0);
        assertLockFree("after a completed run");
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(2)
    void aRunThatFindsTheLockHeldIsSkippedAndLeavesTheHoldersLockAlone() throws Exception {
        holdLockAsAnotherNode();
        try {
            long id = JobRuns.run(3600, 1000);
            assertEquals(RunOutcome.SKIPPED, runLog(id).outcome());
            assertTrue(runLog(id).message().contains("Another sync task is already running"), runLog(id).message());
            assertEquals(RunOutcome.SKIPPED.name(), JobRuns.operator().getJobExecution(id).getExitStatus());
            assertTrue(lockHolderRow().orElse("").startsWith(OTHER_NODE_HOLDER), "the holder's lock is untouched");
        } finally {
            execute("DELETE FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                    + " AND name IN ('sync_task_lock', 'sync_task_lock_holder')");
        }
    }

    /** A budget stop records the run as partial, frees the lock, and the next run carries on. */
    @Test
    @Order(3)
    void aRunStoppedByTheBudgetIsPartialFreesTheLockAndTheNextRunContinues() throws Exception {
        forceFullResync();
        long partial = JobRuns.run(60, 50);
        RunLogEntry stopped = runLog(partial);
        assertEquals(RunOutcome.PARTIAL, stopped.outcome(), stopped.message());
        assertTrue(stopped.companiesRemaining() > 0, stopped.message());
        assertLockFree("after a budget stop");

        long next = JobRuns.run(60, 50);
        RunLogEntry continued = runLog(next);
        assertTrue(continued.rowsWritten() > 0, "the next run carries on: " + continued.message());
        assertLockFree("after the next run");

        long finishing = JobRuns.run(3600, 1000);
        assertEquals(RunOutcome.COMPLETED, runLog(finishing).outcome(), runLog(finishing).message());
        assertEquals("", ReportingOracle.differences(database));
    }

    @Test
    @Order(4)
    void aFailedRunIsRecordedAsFailedAndFreesTheLock() throws Exception {
        // Without its queue table the step cannot open: a failure of the run, not of one company.
        execute("RENAME TABLE {local_alx_api_company_sync} TO {alx_it_hidden_company_sync}");
        long id;
        try {
            id = JobRuns.run(3600, 1000);
        } finally {
            execute("RENAME TABLE {alx_it_hidden_company_sync} TO {local_alx_api_company_sync}");
        }
        assertEquals(BatchStatus.FAILED, JobRuns.operator().getJobExecution(id).getBatchStatus());
        assertEquals(RunOutcome.FAILED, runLog(id).outcome(), runLog(id).message());
        assertLockFree("after a failed run");
        long next = JobRuns.run(3600, 1000);
        assertEquals(RunOutcome.COMPLETED, runLog(next).outcome(), runLog(next).message());
    }

    @Test
    @Order(5)
    void aRunStoppedOnRequestIsRecordedAsStoppedAndFreesTheLock() throws Exception {
        forceFullResync();
        long id = JobRuns.start(JobRuns.parameters(3600, 5, "test"));
        JobRuns.awaitCondition(() -> lockHolderRow().orElse("").contains("|" + id + "|"), Duration.ofMinutes(1),
                "the run to take the lock");
        assertEquals(StopResult.STOPPING, control.stop(id, "EveryServerIT"));
        assertEquals(BatchStatus.STOPPED, JobRuns.awaitEnd(id, Duration.ofMinutes(2)));
        assertEquals(RunOutcome.STOPPED, runLog(id).outcome(), runLog(id).message());
        assertLockFree("after a stopped run");
        JobRuns.run(3600, 1000);
        assertEquals("", ReportingOracle.differences(database));
    }

    /** Payara lists job instances per application; either way the application sees its own runs. */
    @Test
    @Order(6)
    void theJobHistoryOfThisApplicationListsItsRuns() throws Exception {
        long id = JobRuns.run(3600, 1000);
        JobInstance instance = JobRuns.operator().getJobInstance(id);
        assertTrue(JobRuns.operator().getJobNames().contains(SyncReportingDataJob.NAME),
                JobRuns.operator().getJobNames().toString());
        assertTrue(JobRuns.operator().getJobInstanceCount(SyncReportingDataJob.NAME) >= 6);
        List<JobInstance> recent = JobRuns.operator().getJobInstances(SyncReportingDataJob.NAME, 0, 20);
        assertTrue(recent.stream().anyMatch(i -> i.getInstanceId() == instance.getInstanceId()),
                "the latest run's instance is among the most recent ones");
    }

    /** The schedule comes from the settings; every minute, the timer starts a run within a minute. */
    @Test
    @Order(7)
    void theTimerStartsARunOnTheScheduleFromTheSettings() throws Exception {
        long before = new RunLog(database).latestEntryId();
        new SettingsStore(database).saveAll(Map.of("sync_schedule", "* *", "sync_enabled", "1"));
        timer.reschedule();
        try {
            JobRuns.awaitCondition(() -> timerRunEndedAfter(before), Duration.ofSeconds(150),
                    "a run started by the timer");
        } finally {
            new SettingsStore(database).saveAll(Map.of("sync_schedule", "0 *", "sync_enabled", "0"));
            timer.reschedule();
        }
        assertLockFree("after the timer's run");
    }

    @Test
    @Order(8)
    @RunAsClient
    void theIndexPageAnswers(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                base.toString())).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("Company 1 "), response.body());
    }

    /** Jakarta Security with the application's own identity store, on every server. */
    @Test
    @Order(9)
    @RunAsClient
    void theAdminLogsInThroughTheFormAndTheSessionAdmitsTheApi(@ArquillianResource URL base) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10)).build();
        assertEquals(401, browser.send(get(base, "api/sync/lock"), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "no session, no token: refused");

        HttpResponse<String> loginPage = browser.send(get(base, "admin/"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, loginPage.statusCode());
        Matcher viewState = VIEW_STATE.matcher(loginPage.body());
        assertTrue(viewState.find(), "the admin pages lead to the login form: " + loginPage.body());
        String form = Map.of("login", "login", "login:username", ADMIN_USER, "login:password", ADMIN_PASSWORD,
                        "login:submit", "Log in", "jakarta.faces.ViewState", viewState.group(1))
                .entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "admin/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, loggedIn.statusCode());

        HttpResponse<String> status = browser.send(get(base, "admin/index.xhtml"), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, status.statusCode());
        assertTrue(status.body().contains(ADMIN_USER), "signed in as " + ADMIN_USER + ": " + status.body());
        assertEquals(200, browser.send(get(base, "api/sync/lock"), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "the admin's session admits the operations API");
    }

    private static HttpRequest get(URL base, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build();
    }

    private boolean timerRunEndedAfter(long entryId) {
        try {
            // Finished in the run log and no longer registered: the listener has also released the lock.
            return new RunLog(database).recent(0, 20).stream().anyMatch(entry -> entry.id() > entryId
                    && entry.trigger().equals(SyncReportingDataJob.TRIGGER_TIMER) && entry.outcome().finished()
                    && runningSyncs.get(entry.executionId()).isEmpty());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertLockFree(String when) {
        assertFalse(syncLocks.lock().state().isPresent(), "the lock is free " + when);
        assertEquals(Optional.empty(), lockHolderRow().filter(value -> !value.isEmpty()), "no holder " + when);
    }

    private RunLogEntry runLog(long executionId) throws SQLException {
        return new RunLog(database).byExecution(executionId).orElseThrow(
                () -> new AssertionError("no run log entry for execution " + executionId));
    }

    private void holdLockAsAnotherNode() throws SQLException {
        execute("DELETE FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                + " AND name IN ('sync_task_lock', 'sync_task_lock_holder')");
        long now = Instant.now().getEpochSecond();
        execute("INSERT INTO {config_plugins} (plugin, name, value) VALUES ('local_alx_report_api', 'sync_task_lock', '"
                + now + "'), ('local_alx_report_api', 'sync_task_lock_holder', '" + OTHER_NODE_HOLDER + now + "')");
    }

    private Optional<String> lockHolderRow() {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                             + " AND name = 'sync_task_lock_holder'"))) {
            statement.setQueryTimeout(10);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * As after a takeover from the PHP plugin: every company's next pass is a full one, and the
     * table it starts from differs from the oracle, so that a final check fails if the pass does nothing.
     */
    private void forceFullResync() throws SQLException {
        ReportingDamage.apply(database);
        execute("UPDATE {local_alx_api_company_sync} SET last_success_at = 0, pass_started_at = 0, pass_rows = 0");
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            statement.execute(database.sql(template));
        }
    }
}
