package alx.reportapi.it;

import alx.reportapi.db.Database;
import alx.reportapi.schedule.RetentionPurge;
import alx.reportapi.sync.SyncReportingDataJob;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention purge removes the batch runtime's own history of the sync job on every server,
 * JBeret's job repository on WildFly and IBM JBatch's tables on Payara: finished instances that
 * ended before the cutoff go, newer ones and a running one stay. Everything is observed through
 * the portable JobOperator, the view an operator's tools have.
 */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BatchHistoryPurgeIT {

    private static TestDatabase testDatabase;
    private static long newerExecution;

    @Inject
    Database database;

    @Inject
    RetentionPurge retentionPurge;

    @Deployment
    static WebArchive deployment() throws Exception {
        testDatabase = TestDatabase.create("batchhistory");
        GeneratedMoodle.load(testDatabase.database(), 5, 0.1);
        return Deployments.inContainer(testDatabase, Map.of("ALX_NODE_NAME", "batch-history-node"));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    @Order(1)
    void aFinishedRunThatEndedBeforeTheCutoffIsRemovedAndANewerOneIsKept() throws Exception {
        long older = JobRuns.run(3600, 1000);
        long newer = JobRuns.run(3600, 1000);
        long olderInstance = instanceOf(older);
        long newerInstance = instanceOf(newer);
        Instant olderEnd = JobRuns.operator().getJobExecution(older).getEndTime().toInstant();
        Instant cutoff = olderEnd.plusMillis(1);
        assertTrue(!JobRuns.operator().getJobExecution(newer).getEndTime().toInstant().isBefore(cutoff),
                "the newer run ended at or after the cutoff");

        int removed = retentionPurge.purgeBatchHistory(cutoff);

        assertTrue(removed >= 1, "the older run's execution was removed: " + removed);
        assertThrows(NoSuchJobExecutionException.class, () -> JobRuns.operator().getJobExecution(older));
        assertFalse(instanceIds().contains(olderInstance), "the older run's instance is gone");
        assertEquals(BatchStatus.COMPLETED, JobRuns.operator().getJobExecution(newer).getBatchStatus());
        assertTrue(instanceIds().contains(newerInstance), "the newer run's instance is kept");
        assertOnlyUnpurgeableInstancesRemainFor(cutoff);
        newerExecution = newer;
    }

    /** A run held inside its first statement is STARTED while the purge runs with a cutoff past it. */
    @Test
    @Order(2)
    void aRunningExecutionIsNeverRemovedWhileTheFinishedOnesGo() throws Exception {
        long running;
        Instant cutoff = Instant.now().plus(Duration.ofDays(1));
        try (Connection blocker = database.connect()) {
            blocker.setAutoCommit(false);
            // Holding every queue row keeps the run in its first statement until the blocker lets go.
            try (Statement statement = blocker.createStatement()) {
                statement.setQueryTimeout(10);
                statement.executeQuery(database.sql("SELECT * FROM {local_alx_api_company_sync} FOR UPDATE")).close();
            }
            running = JobRuns.start(JobRuns.parameters(3600, 1000, "test"));
            long started = running;
            JobRuns.awaitCondition(() -> lockHeldBy(started), Duration.ofMinutes(1), "the run to take the lock");
            assertEquals(BatchStatus.STARTED, JobRuns.operator().getJobExecution(running).getBatchStatus());

            int removed = retentionPurge.purgeBatchHistory(cutoff);

            assertEquals(BatchStatus.STARTED, JobRuns.operator().getJobExecution(running).getBatchStatus(),
                    "the running execution is still there");
            assertTrue(instanceIds().contains(instanceOf(running)), "the running run's instance is kept");
            assertTrue(removed >= 1, "the finished run of the first test went: " + removed);
            assertThrows(NoSuchJobExecutionException.class, () -> JobRuns.operator().getJobExecution(newerExecution));
            assertOnlyUnpurgeableInstancesRemainFor(cutoff);
            blocker.rollback();
        }
        JobRuns.awaitEnd(running, Duration.ofMinutes(3));

        // Once it has ended, the same purge takes it too.
        long runningInstance = instanceOf(running);
        assertTrue(retentionPurge.purgeBatchHistory(Instant.now().plus(Duration.ofDays(1))) >= 1);
        assertThrows(NoSuchJobExecutionException.class, () -> JobRuns.operator().getJobExecution(running));
        assertFalse(instanceIds().contains(runningInstance));
    }

    /** Every instance left has an execution that is unfinished or ended at or after the cutoff. */
    private static void assertOnlyUnpurgeableInstancesRemainFor(Instant cutoff) {
        for (JobInstance instance : instances()) {
            List<JobExecution> executions = JobRuns.operator().getJobExecutions(instance);
            assertTrue(executions.stream().anyMatch(e -> !finished(e.getBatchStatus()) || e.getEndTime() == null
                    || !e.getEndTime().toInstant().isBefore(cutoff)), "instance " + instance.getInstanceId()
                    + " should have been purged: " + executions.stream().map(e -> e.getExecutionId() + " "
                    + e.getBatchStatus() + " " + e.getEndTime()).toList());
        }
    }

    private static boolean finished(BatchStatus status) {
        return status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                || status == BatchStatus.ABANDONED;
    }

    private static long instanceOf(long executionId) {
        return JobRuns.operator().getJobInstance(executionId).getInstanceId();
    }

    private static List<Long> instanceIds() {
        return instances().stream().map(JobInstance::getInstanceId).toList();
    }

    private static List<JobInstance> instances() {
        List<JobInstance> instances = new ArrayList<>();
        int count;
        try {
            count = JobRuns.operator().getJobInstanceCount(SyncReportingDataJob.NAME);
        } catch (NoSuchJobException e) {
            return instances;
        }
        for (int start = 0; start < count; start += 100) {
            instances.addAll(JobRuns.operator().getJobInstances(SyncReportingDataJob.NAME, start, 100));
        }
        return instances;
    }

    private boolean lockHeldBy(long executionId) {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = 'local_alx_report_api'"
                             + " AND name = 'sync_task_lock_holder'"))) {
            statement.setQueryTimeout(10);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getString(1) != null && rs.getString(1).contains("|" + executionId + "|");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
