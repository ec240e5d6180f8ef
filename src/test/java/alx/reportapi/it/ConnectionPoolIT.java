package alx.reportapi.it;

import alx.reportapi.db.AlxDatabase;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed 002's lesson: the connection pool is bounded and no run leaks a connection. A thousand
 * consecutive runs of the real job, on a small site so that the suite stays fast, leave the pool
 * exactly where it started.
 */
@ExtendWith(ArquillianExtension.class)
class ConnectionPoolIT {

    private static final int RUNS = 1000;
    private static TestDatabase testDatabase;

    @Inject
    AlxDatabase alxDatabase;

    @Deployment
    static WebArchive deployment() throws Exception {
        testDatabase = TestDatabase.create("pool");
        GeneratedMoodle.load(testDatabase.database(), 3, 0.01);
        return Deployments.inContainer(testDatabase, Map.of("ALX_DB_POOL_SIZE", "4"));
    }

    @AfterAll
    static void dropDatabase() {
        if (testDatabase != null) {
            testDatabase.close();
        }
    }

    @Test
    void aThousandConsecutiveRunsLeaveThePoolWhereItStarted() throws Exception {
        HikariDataSource pool = alxDatabase.ownPool().orElseThrow();
        HikariPoolMXBean stats = pool.getHikariPoolMXBean();
        assertEquals(4, pool.getMaximumPoolSize());
        assertEquals(0, stats.getActiveConnections(), "no connection in use before the runs");
        RunLog runLog = new RunLog(alxDatabase.database());
        for (int run = 0; run < RUNS; run++) {
            long id = JobRuns.run(3600, 1000);
            RunLogEntry entry = runLog.byExecution(id).orElseThrow();
            assertEquals(RunOutcome.COMPLETED, entry.outcome(), "run " + run + ": " + entry.message());
            assertTrue(stats.getTotalConnections() <= 4, "the pool stays within its bound");
        }
        assertEquals(0, stats.getActiveConnections(), "every connection went back to the pool");
        assertEquals(0, stats.getThreadsAwaitingConnection());
    }
}
