package alx.reportapi.it;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Five SIGKILLs at random points of a node's work, each followed by a restart on the same root
 * directory: every restart accepts a run within the silence that tells a dead process from a live
 * one (README, Behavior 17), no killed run stays recorded as running, and the table equals the
 * oracle after the last run. {@code bench/run.sh crash} does twenty and prints the figures.
 * <p>
 * Each restart deploys the application once, as Payara keeps it in the root directory; a node
 * deployed as the README says ({@code --deploy} at every start) deploys it a second time over that
 * one, which TimerRestartIT and the crash benchmark do. What is checked here, the recovery at start-up, at the next heartbeat or at the
 * next trigger, is the same in either deployment.
 */
class CrashRecoveryIT {

    private static final String TOKEN = "crash-recovery-it-token";

    private static TestDatabase database;
    private static PayaraMicroNode node;

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.create("crash");
        GeneratedMoodle.load(database.database(), 17, 0.3);
        node = new PayaraMicroNode("crash-node", database, TOKEN, Map.of()).asDeployedRestartingOnce().start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void fiveKillsAtRandomPointsLoseAndDuplicateNothing() throws Exception {
        CrashCycles.Result result = new CrashCycles(database, node, 20).run(5);
        System.out.println("crash cycles: " + result);
        assertEquals(5, result.kills());
        assertEquals("", result.oracleDifferences());
    }
}
