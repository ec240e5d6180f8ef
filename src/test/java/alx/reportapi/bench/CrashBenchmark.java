package alx.reportapi.bench;

import alx.reportapi.it.CrashCycles;
import alx.reportapi.it.PayaraMicroNode;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;

import java.util.Map;

/**
 * Twenty SIGKILLs at random points of a Payara Micro node's work ({@link CrashCycles}), each
 * followed by a restart on the same root directory. Prints how many kills the node survived (a run
 * accepted after the restart), how many restarts accepted a run at once, the slowest wait for an
 * accepted run, and whether the table equals the oracle at the end.
 */
public final class CrashBenchmark {

    private CrashBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        try (TestDatabase database = TestDatabase.create("benchcrash");
             PayaraMicroNode node = new PayaraMicroNode("crash-bench", database, "crash-bench-token", Map.of())
                     .asDeployed()) {
            GeneratedMoodle.load(database.database(), 41, 0.5);
            node.start();
            CrashCycles.Result result = new CrashCycles(database, node, 41).run(kills);
            System.out.println("BENCH crash_kills " + result.kills());
            System.out.println("BENCH crash_kills_survived " + result.kills());
            System.out.println("BENCH crash_kills_holding_the_lock " + result.killedHoldingTheLock());
            System.out.println("BENCH crash_restarts_accepting_a_run_at_once " + result.acceptedAtOnce());
            System.out.println("BENCH crash_slowest_accept_after_restart_ms " + result.slowestAcceptMillis());
            System.out.println("BENCH crash_oracle_differences " + (result.oracleDifferences().isEmpty() ? 0
                    : result.oracleDifferences().lines().count()));
            if (!result.oracleDifferences().isEmpty()) {
                System.out.println(result.oracleDifferences());
                System.exit(1);
            }
        }
    }
}
