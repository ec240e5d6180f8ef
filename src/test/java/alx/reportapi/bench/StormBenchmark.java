package alx.reportapi.bench;

import alx.reportapi.db.DataSources;
import alx.reportapi.it.LockHoldings;
import alx.reportapi.it.PayaraMicroNode;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.testing.TestDatabase;

import java.net.http.HttpResponse;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Three Payara Micro nodes on one database, their timers firing every minute, and run-now storms
 * on all three (two callers per node, one request every 250 ms each) for ten minutes by default.
 * Overlaps are judged from the run log's lock intervals, which a run records before taking the
 * lock and after releasing it, so each recorded interval lies inside the real one. Every refused
 * request must be in the run log as skipped. The database's connections from the three nodes are
 * sampled every 200 ms and must stay within the three pools' sizes.
 */
public final class StormBenchmark {

    private static final int NODES = 3;
    private static final int CALLERS_PER_NODE = 2;

    private StormBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Duration storm = Duration.ofMinutes(args.length > 0 ? Long.parseLong(args[0]) : 10);
        List<PayaraMicroNode> nodes = new ArrayList<>();
        try (TestDatabase database = TestDatabase.create("benchstorm")) {
            GeneratedMoodle.load(database.database(), 7, 0.3);
            for (int i = 1; i <= NODES; i++) {
                nodes.add(new PayaraMicroNode("storm-" + i, database, "storm-token", Map.of()).start());
            }
            for (PayaraMicroNode node : nodes) {
                expect200(node.put("api/settings/sync_schedule", "{\"value\": \"* *\"}"));
                expect200(node.put("api/settings/sync_enabled", "{\"value\": \"1\"}"));
            }
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unexpected = new AtomicInteger();
            AtomicLong peakConnections = new AtomicLong();
            Instant end = Instant.now().plus(storm);
            ExecutorService callers = Executors.newFixedThreadPool(NODES * CALLERS_PER_NODE + 1);
            for (PayaraMicroNode node : nodes) {
                for (int c = 0; c < CALLERS_PER_NODE; c++) {
                    callers.submit(() -> {
                        while (Instant.now().isBefore(end)) {
                            int status = node.post("api/sync/runs").statusCode();
                            (status == 202 ? accepted : status == 409 ? refused : unexpected).incrementAndGet();
                            Thread.sleep(250);
                        }
                        return null;
                    });
                }
            }
            callers.submit(() -> {
                while (Instant.now().isBefore(end)) {
                    peakConnections.accumulateAndGet(connectionsTo(database), Math::max);
                    Thread.sleep(200);
                }
                return null;
            });
            callers.shutdown();
            if (!callers.awaitTermination(storm.toMinutes() + 5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the storm callers did not finish");
            }
            for (PayaraMicroNode node : nodes) {
                expect200(node.put("api/settings/sync_enabled", "{\"value\": \"0\"}"));
            }
            awaitNoRunningRun(database, Duration.ofMinutes(5));

            LockHoldings holdings;
            try (Connection connection = database.connect()) {
                holdings = LockHoldings.read(connection, "mdl_");
            }
            int overlaps = holdings.firstCertainOverlap().isPresent() ? 1 : 0;
            long skippedRecorded = count(database, "SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs"
                    + " WHERE outcome = 'skipped' AND message LIKE 'Another sync task is already running%'");
            long timerRuns = count(database, "SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs"
                    + " WHERE trigger_source = 'timer'");
            long poolBound = (long) NODES * DataSources.DEFAULT_POOL_SIZE;
            System.out.println("BENCH storm_minutes " + storm.toMinutes());
            System.out.println("BENCH storm_requests " + (accepted.get() + refused.get() + unexpected.get()));
            System.out.println("BENCH storm_runs " + holdings.holdings().size());
            System.out.println("BENCH storm_timer_triggers " + timerRuns);
            System.out.println("BENCH storm_requests_refused " + refused.get());
            System.out.println("BENCH storm_skips_recorded " + skippedRecorded);
            System.out.println("BENCH storm_unexpected_answers " + unexpected.get());
            System.out.println("BENCH storm_overlaps " + overlaps);
            System.out.println("BENCH storm_outer_interval_touches " + holdings.outerOverlaps());
            System.out.println("BENCH storm_peak_connections " + peakConnections.get());
            System.out.println("BENCH storm_pool_bound " + poolBound);
            String differences = ReportingOracle.differences(database.database());
            System.out.println("BENCH storm_oracle_differences " + (differences.isEmpty() ? 0 : differences.lines().count()));
            boolean ok = overlaps == 0 && unexpected.get() == 0 && skippedRecorded >= refused.get()
                    && peakConnections.get() <= poolBound && differences.isEmpty();
            if (!ok) {
                System.out.println("storm: a promise was broken (see the BENCH lines)");
                System.exit(1);
            }
        } finally {
            for (PayaraMicroNode node : nodes) {
                node.close();
            }
        }
    }

    private static void expect200(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    /** Connections MariaDB has open to this database (the nodes' pools; the benchmark's own are closed). */
    private static long connectionsTo(TestDatabase database) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
            statement.setQueryTimeout(10);
            statement.setString(1, database.name());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void awaitNoRunningRun(TestDatabase database, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (count(database, "SELECT COUNT(*) FROM mdl_local_alx_api_sync_runs WHERE outcome = 'running'"
                + " OR (lock_taken_ms > 0 AND lock_released_ms = 0)") > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("runs still running " + timeout + " after the storm");
            }
            Thread.sleep(500);
        }
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
