package alx.reportapi.it;

import alx.reportapi.lock.SyncLock;
import alx.reportapi.testing.MoodleChanges;
import alx.reportapi.testing.ReportingOracle;
import alx.reportapi.testing.TestDatabase;
import jakarta.json.Json;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Kills a Payara Micro node with SIGKILL at random points of its work, again and again, restarting
 * it on the same root directory each time: before each kill Moodle changes and a run is started,
 * and the kill comes at a random moment (mid-run, or after the run ended). After every restart a
 * run must be accepted, and when all kills are done one run must leave the reporting table equal
 * to the oracle: nothing lost, nothing duplicated. Shared by {@code CrashRecoveryIT} (a few kills)
 * and the crash benchmark (twenty).
 */
public final class CrashCycles {

    /** A run accepted this long after a restart counts as accepted at once (one poll's round trip). */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);
    /** The longest a restarted node may take to accept a run: the silence that tells a dead process. */
    private static final Duration ACCEPT_BOUND = Duration.ofSeconds(SyncLock.INCARNATION_SILENCE_SECONDS + 30);
    private static final Duration RUN_BOUND = Duration.ofMinutes(5);

    /**
     * @param kills                 kills done, each followed by a restart that accepted a run
     * @param acceptedAtOnce        restarts whose first run-now request was accepted
     * @param killedHoldingTheLock  kills that came while a run held the lock
     * @param slowestAcceptMillis   the longest wait from a restart's readiness to an accepted run
     * @param oracleDifferences     empty when the table equals the oracle after the last run
     */
    public record Result(int kills, int acceptedAtOnce, int killedHoldingTheLock, long slowestAcceptMillis,
            String oracleDifferences) {
    }

    private final TestDatabase database;
    private final PayaraMicroNode node;
    private final Random random;

    public CrashCycles(TestDatabase database, PayaraMicroNode node, long seed) {
        this.database = database;
        this.node = node;
        this.random = new Random(seed);
    }

    /** Runs {@code kills} crash cycles on a started node, then the final run and the oracle's check. */
    public Result run(int kills) throws Exception {
        // Small pages, so that a run lasts long enough to be killed in the middle of its writes.
        put("api/settings/batch_size", "{\"value\": 100}");
        int atOnce = 0;
        int holding = 0;
        long slowest = 0;
        for (int kill = 1; kill <= kills; kill++) {
            new MoodleChanges(database.database(), random.nextLong()).apply(30 + random.nextInt(60));
            if (random.nextBoolean()) {
                // Every other cycle a full resync, the longest run there is.
                execute("UPDATE mdl_local_alx_api_company_sync SET last_success_at = 0, pass_started_at = 0,"
                        + " pass_rows = 0");
            }
            long run = acceptedRun(ACCEPT_BOUND).executionId;
            Thread.sleep(random.nextInt(6000));
            boolean heldTheLock = lockHolder().contains("|" + run + "|");
            node.kill();
            holding += heldTheLock ? 1 : 0;
            node.start();
            Accepted accepted = acceptedRun(ACCEPT_BOUND);
            atOnce += accepted.firstAnswer ? 1 : 0;
            slowest = Math.max(slowest, accepted.waitedMillis);
            String killedOutcome = outcomeOf(run);
            if (killedOutcome.equals("running")) {
                throw new AssertionError("kill " + kill + ": the killed run " + run + " is still recorded as running"
                        + " after the restart");
            }
            System.out.printf("kill %d: run %d killed %s (%s), restarted, run %d accepted after %d ms%n", kill, run,
                    heldTheLock ? "holding the lock" : "after it ended", killedOutcome, accepted.executionId,
                    accepted.waitedMillis);
            node.awaitRun(accepted.executionId, RUN_BOUND);
        }
        put("api/settings/batch_size", "{\"value\": 1000}");
        long last = acceptedRun(ACCEPT_BOUND).executionId;
        String outcome = node.awaitRun(last, RUN_BOUND).getString("outcome");
        if (!outcome.equals("completed")) {
            throw new AssertionError("the final run ended " + outcome);
        }
        return new Result(kills, atOnce, holding, slowest, ReportingOracle.differences(database.database()));
    }

    private record Accepted(long executionId, boolean firstAnswer, long waitedMillis) {
    }

    /** Posts run-now until one is accepted; bounded. A scheduled run may hold the lock meanwhile. */
    private Accepted acceptedRun(Duration bound) throws Exception {
        Instant start = Instant.now();
        Instant deadline = start.plus(bound);
        boolean first = true;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = node.post("api/sync/runs");
            if (response.statusCode() == 202) {
                long waited = Duration.between(start, Instant.now()).toMillis();
                return new Accepted(Json.createReader(new StringReader(response.body())).readObject()
                        .getJsonNumber("executionId").longValue(), first || waited <= AT_ONCE.toMillis(), waited);
            }
            first = false;
            last = response.statusCode() + " " + response.body();
            Thread.sleep(500);
        }
        throw new AssertionError("no run accepted within " + bound + " of the restart; last answer: " + last);
    }

    private void put(String path, String json) throws Exception {
        HttpResponse<String> response = node.put(path, json);
        if (response.statusCode() != 200) {
            throw new AssertionError(path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private String lockHolder() throws SQLException {
        return text("SELECT value FROM mdl_config_plugins WHERE plugin = 'local_alx_report_api'"
                + " AND name = 'sync_task_lock_holder'");
    }

    private String outcomeOf(long executionId) throws SQLException {
        return text("SELECT outcome FROM mdl_local_alx_api_sync_runs WHERE node = '" + node.name()
                + "' AND execution_id = " + executionId + " ORDER BY id DESC LIMIT 1");
    }

    private String text(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery(sql)) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.executeUpdate(sql);
        }
    }
}
