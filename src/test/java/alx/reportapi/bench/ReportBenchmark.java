package alx.reportapi.bench;

import alx.reportapi.db.Database;
import alx.reportapi.it.PayaraMicroNode;
import alx.reportapi.report.CompanyReportSettings;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.v2.ReportApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The report API's speed on MariaDB (README, Behaviors 18, 24 and 25): a generated site plus one
 * company far larger than the generator makes ({@link LargeCompany}), synced by the product, then
 * read by real HTTP clients that parse every page:
 * <ul>
 * <li>the v2 snapshot of the large company to one client, pages of 1,000: rows per second over whole
 * reads, and the latency of its first and of its last page, each requested many times; and rows per
 * second with the largest pages the API allows (10,000);</li>
 * <li>the same rows through the compatible endpoint, paged by offset as the plugin's clients page,
 * beside a per-call baseline that mirrors the PHP plugin's database work per call
 * ({@link PluginPerCallBaseline}), its whole read estimated from every tenth call;</li>
 * <li>eight clients, each with its own token, reading the snapshot over and over while a full sync
 * rewrites every company: rows per second, p99 page latency, and errors (any answer but 200, or a
 * read that repeats, skips or misorders a row).</li>
 * </ul>
 * Usage: {@code ReportBenchmark [scale] [learners]} (default 10 and 51,000: 510,000 rows). A run
 * with {@code -Dbench.keep=true} keeps its database and prints its name; {@code
 * -Dbench.database=<name>} measures such a database again without loading it.
 */
public final class ReportBenchmark {

    private static final String OPS_TOKEN = "bench-" + Long.toHexString(System.nanoTime());
    private static final int MEASURED_PASSES = 3;
    private static final int PAGE_REPEATS = 40;
    private static final int OFFSET_PAGE_REPEATS = 10;
    private static final int CONCURRENT_CLIENTS = 8;
    /** The per-call baseline times every this many calls of a whole read ({@link PluginPerCallBaseline#sampledPass}). */
    private static final int BASELINE_STRIDE = 10;
    private static final Duration SYNC_TIMEOUT = Duration.ofMinutes(20);
    private static final HttpClient OPS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final double scale;
    private final int learners;

    private ReportBenchmark(double scale, int learners) {
        this.scale = scale;
        this.learners = learners;
    }

    public static void main(String[] args) throws Exception {
        double scale = Double.parseDouble(args.length > 0 ? args[0] : "10");
        int learners = Integer.parseInt(args.length > 1 ? args[1] : "51000");
        new ReportBenchmark(scale, learners).run();
    }

    private void run() throws Exception {
        String reused = System.getProperty("bench.database");
        boolean keep = Boolean.getBoolean("bench.keep") || reused != null;
        TestDatabase database = reused == null ? TestDatabase.create("benchreport") : TestDatabase.existing(reused);
        try (InnoDbSize pool = InnoDbSize.atLeast(database.database(), InnoDbSize.BUFFER_POOL,
                     InnoDbSize.BENCHMARK_POOL_BYTES)) {
            LargeCompany company;
            if (reused == null) {
                long loadStart = System.nanoTime();
                GeneratedMoodle.load(database.database(), 42, scale);
                System.out.printf(Locale.ROOT, "loaded scale %s in %.1f s%n", scale, seconds(loadStart));
                loadStart = System.nanoTime();
                company = LargeCompany.load(database.database(), learners);
                System.out.printf(Locale.ROOT, "loaded company %d (%d learners in %d courses each) in %.1f s%n",
                        company.companyId(), learners, LargeCompany.COURSES, seconds(loadStart));
            } else {
                company = LargeCompany.loaded(database.database());
            }
            try (PayaraMicroNode node = new PayaraMicroNode("bench-report", database, OPS_TOKEN, Map.of())
                    .jvmOptions(List.of("-Xmx512m"))) {
                node.start();
                configure(node);
                benchmark(node, database.database(), company);
            }
        } finally {
            if (keep) {
                System.out.println("kept database " + database.name());
            } else {
                database.close();
            }
        }
    }

    private void benchmark(PayaraMicroNode node, Database database, LargeCompany company) throws Exception {
        if (liveRows(database, company.companyId()) == 0) {
            long syncStart = System.nanoTime();
            JsonObject run = sync(node);
            System.out.printf(Locale.ROOT, "first full sync: %d rows in %.1f s%n",
                    run.getJsonNumber("rowsWritten").longValue(), seconds(syncStart));
        }
        long rows = liveRows(database, company.companyId());
        if (rows < 500_000) {
            throw new IllegalStateException("the large company has " + rows + " reporting rows, fewer than 500,000");
        }
        System.out.printf(Locale.ROOT, "company %d: %d live reporting rows, %d in the table%n", company.companyId(),
                rows, tableRows(database));

        String singleToken = issueToken(node, company.companyId(), "bench single");
        SnapshotClient client = new SnapshotClient(node, singleToken, SnapshotClient.DEFAULT_PAGE_SIZE);
        Latencies warmUp = new Latencies();
        SnapshotClient.Pass first = client.pass(warmUp);
        System.out.printf(Locale.ROOT, "v2 warm-up read (not counted): %d rows in %d pages, %.2f s%n", first.rows(),
                first.pages(), first.seconds());
        double[] v2Rates = new double[MEASURED_PASSES];
        double[] v2Seconds = new double[MEASURED_PASSES];
        Latencies v2Pages = new Latencies();
        String lastPageCursor = first.lastPageCursor();
        for (int round = 0; round < MEASURED_PASSES; round++) {
            SnapshotClient.Pass pass = requireRows(client.pass(v2Pages), rows);
            v2Rates[round] = pass.rowsPerSecond();
            v2Seconds[round] = pass.seconds();
            System.out.printf(Locale.ROOT, "v2 read %d: %d rows in %d pages, %.2f s, %.0f rows/s%n", round + 1,
                    pass.rows(), pass.pages(), pass.seconds(), pass.rowsPerSecond());
        }
        // The largest page the API allows, for a client that wants the rows fastest.
        SnapshotClient largePages = new SnapshotClient(node, singleToken, ReportApi.MAX_PAGE_SIZE);
        largePages.pass(new Latencies());
        double[] largePageRates = new double[MEASURED_PASSES];
        for (int round = 0; round < MEASURED_PASSES; round++) {
            SnapshotClient.Pass pass = requireRows(largePages.pass(new Latencies()), rows);
            largePageRates[round] = pass.rowsPerSecond();
            System.out.printf(Locale.ROOT, "v2 read %d, pages of %d: %d pages, %.2f s, %.0f rows/s%n", round + 1,
                    ReportApi.MAX_PAGE_SIZE, pass.pages(), pass.seconds(), pass.rowsPerSecond());
        }
        Latencies v2First = new Latencies();
        Latencies v2Last = new Latencies();
        for (int repeat = 0; repeat < PAGE_REPEATS; repeat++) {
            timed(v2First, () -> client.page(null));
            timed(v2Last, () -> client.page(lastPageCursor));
        }

        // Every call a full read, as a client that refreshes the whole report sets it: in the default
        // mode the empty page that ends a read moves the client's watermark, and the calls after it
        // would read only what changed since.
        execute(database, "INSERT INTO {local_alx_api_report_settings} (companyid, setting_name, setting_value,"
                + " timecreated, timemodified) VALUES (" + company.companyId() + ", 'sync_mode', "
                + CompanyReportSettings.SYNC_ALWAYS_FULL + ", UNIX_TIMESTAMP(), UNIX_TIMESTAMP())"
                + " ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value)");
        CompatClient compat = new CompatClient(node, company.moodleToken());
        for (int repeat = 0; repeat < OFFSET_PAGE_REPEATS; repeat++) {
            compat.page(0);
        }
        Latencies compatPages = new Latencies();
        CompatClient.OffsetPass compatPass = compat.pass(compatPages);
        requireRows(compatPass.rows(), rows, "compatible endpoint");
        System.out.printf(Locale.ROOT, "compatible endpoint read: %d rows in %d calls, %.2f s, %.0f rows/s%n",
                compatPass.rows(), compatPass.pages(), compatPass.seconds(), compatPass.rowsPerSecond());
        long lastOffset = (rows - 1) / CompatClient.LIMIT * CompatClient.LIMIT;
        Latencies compatFirst = new Latencies();
        Latencies compatLast = new Latencies();
        for (int repeat = 0; repeat < OFFSET_PAGE_REPEATS; repeat++) {
            timed(compatFirst, () -> compat.page(0));
            timed(compatLast, () -> compat.page(lastOffset));
        }

        CompatClient.OffsetPass baselinePass;
        Latencies baselineFirst = new Latencies();
        Latencies baselineLast = new Latencies();
        try (PluginPerCallBaseline baseline = new PluginPerCallBaseline(database, company.moodleToken())) {
            for (int repeat = 0; repeat < OFFSET_PAGE_REPEATS; repeat++) {
                baseline.call(0);
            }
            baselinePass = baseline.sampledPass(rows, BASELINE_STRIDE, new Latencies());
            System.out.printf(Locale.ROOT, "per-call baseline read (every %dth call timed): %d rows in %d calls,"
                    + " %.2f s, %.0f rows/s%n", BASELINE_STRIDE, baselinePass.rows(), baselinePass.pages(),
                    baselinePass.seconds(), baselinePass.rowsPerSecond());
            for (int repeat = 0; repeat < OFFSET_PAGE_REPEATS; repeat++) {
                timed(baselineFirst, () -> baseline.call(0));
                timed(baselineLast, () -> baseline.call(lastOffset));
            }
        }

        Concurrent concurrent = underFullSync(node, database, company, rows);

        double v2Rate = LockBenchmark.median(v2Rates);
        bench("report_company_rows", rows);
        bench("report_v2_rows_per_s", v2Rate);
        bench("report_v2_read_seconds", LockBenchmark.median(v2Seconds));
        bench("report_v2_rows_per_s_pages_of_10000", LockBenchmark.median(largePageRates));
        bench("report_v2_page_p50_ms", v2Pages.percentileMillis(50));
        bench("report_v2_page_p99_ms", v2Pages.percentileMillis(99));
        bench("report_v2_first_page_p50_ms", v2First.percentileMillis(50));
        bench("report_v2_first_page_p99_ms", v2First.percentileMillis(99));
        bench("report_v2_last_page_p50_ms", v2Last.percentileMillis(50));
        bench("report_v2_last_page_p99_ms", v2Last.percentileMillis(99));
        bench("report_v2_last_vs_first_p50_ratio", v2Last.percentileMillis(50) / v2First.percentileMillis(50));
        bench("report_v2_last_vs_first_p99_ratio", v2Last.percentileMillis(99) / v2First.percentileMillis(99));
        bench("report_compat_rows_per_s", compatPass.rowsPerSecond());
        bench("report_compat_read_seconds", compatPass.seconds());
        bench("report_compat_first_page_p50_ms", compatFirst.percentileMillis(50));
        bench("report_compat_last_page_p50_ms", compatLast.percentileMillis(50));
        bench("report_compat_last_vs_first_p50_ratio",
                compatLast.percentileMillis(50) / compatFirst.percentileMillis(50));
        bench("report_baseline_per_call_rows_per_s", baselinePass.rowsPerSecond());
        bench("report_baseline_per_call_read_seconds", baselinePass.seconds());
        bench("report_baseline_first_page_p50_ms", baselineFirst.percentileMillis(50));
        bench("report_baseline_last_page_p50_ms", baselineLast.percentileMillis(50));
        bench("report_compat_vs_baseline_ratio", compatPass.rowsPerSecond() / baselinePass.rowsPerSecond());
        bench("report_v2_vs_compat_ratio", v2Rate / compatPass.rowsPerSecond());
        bench("report_concurrent_8_rows_per_s", concurrent.rowsPerSecond());
        bench("report_concurrent_8_page_p50_ms", concurrent.pages().percentileMillis(50));
        bench("report_concurrent_8_page_p99_ms", concurrent.pages().percentileMillis(99));
        bench("report_concurrent_8_errors", concurrent.errors());
        bench("report_concurrent_8_full_sync_seconds", concurrent.syncSeconds());
    }

    /** Result of {@link #underFullSync}. */
    private record Concurrent(long rows, double seconds, Latencies pages, int errors, double syncSeconds) {

        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    /**
     * Eight clients read the snapshot over and over while a full sync runs, from its start until it
     * ended and each finished the read it was in. Every company's next pass is full, as after a
     * takeover from the PHP plugin (cursors gone), so the sync re-derives and rewrites every pair
     * while the clients read; the site does not change, so every read must return every live row
     * once, in order.
     */
    private Concurrent underFullSync(PayaraMicroNode node, Database database, LargeCompany company, long rows)
            throws Exception {
        List<SnapshotClient> clients = new ArrayList<>();
        for (int c = 0; c < CONCURRENT_CLIENTS; c++) {
            clients.add(new SnapshotClient(node, issueToken(node, company.companyId(), "bench client " + (c + 1)),
                    SnapshotClient.DEFAULT_PAGE_SIZE));
        }
        execute(database, "UPDATE {local_alx_api_company_sync} SET last_success_at = 0, pass_started_at = 0,"
                + " pass_rows = 0");
        AtomicBoolean syncRunning = new AtomicBoolean(true);
        Latencies pages = new Latencies();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CLIENTS);
        List<Future<long[]>> results = new ArrayList<>();
        long start = System.nanoTime();
        long id = node.startRun();
        for (SnapshotClient client : clients) {
            results.add(pool.submit(() -> readWhile(client, syncRunning, pages, rows)));
        }
        JsonObject run;
        double syncSeconds;
        try {
            run = node.awaitCompletedRun(id, SYNC_TIMEOUT);
            syncSeconds = seconds(start);
        } finally {
            syncRunning.set(false);
        }
        long read = 0;
        int errors = 0;
        for (Future<long[]> result : results) {
            long[] counts = result.get(10, TimeUnit.MINUTES);
            read += counts[0];
            errors += (int) counts[1];
        }
        double seconds = seconds(start);
        pool.shutdown();
        System.out.printf(Locale.ROOT, "full sync under %d readers: %d rows written, %d deleted, %.1f s; readers read"
                + " %d rows in %.1f s with %d errors%n", CONCURRENT_CLIENTS, run.getJsonNumber("rowsWritten").longValue(),
                run.getJsonNumber("rowsDeleted").longValue(), syncSeconds, read, seconds, errors);
        return new Concurrent(read, seconds, pages, errors, syncSeconds);
    }

    /**
     * Whole reads while the sync runs; returns {rows read, errors}. A failed read counts one error
     * and the client starts over, as a client retrying a refresh would.
     */
    private static long[] readWhile(SnapshotClient client, AtomicBoolean syncRunning, Latencies pages, long rows) {
        long read = 0;
        long errors = 0;
        Instant deadline = Instant.now().plus(SYNC_TIMEOUT);
        while (syncRunning.get() && Instant.now().isBefore(deadline)) {
            try {
                SnapshotClient.Pass pass = client.pass(pages);
                read += pass.rows();
                if (pass.rows() != rows) {
                    System.out.printf(Locale.ROOT, "a read under the sync returned %d rows, not %d%n", pass.rows(), rows);
                    errors++;
                }
            } catch (Exception e) {
                System.out.println("a read under the sync failed: " + e);
                errors++;
            }
        }
        return new long[] {read, errors};
    }

    private static void configure(PayaraMicroNode node) throws Exception {
        // No rate limit: the benchmark measures throughput, and 120 requests a minute, the default
        // per token, is 2 pages a second.
        for (String[] setting : new String[][] {{"max_sync_time", "3600"}, {"batch_size", "1000"},
                {"sync_enabled", "0"}, {"token_rate_limit_per_minute", "0"}, {"rate_limit", "0"}}) {
            HttpResponse<String> response = node.put("api/settings/" + setting[0], "{\"value\": " + setting[1] + "}");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("could not set " + setting[0] + ": " + response.body());
            }
        }
    }

    /** A report API token of the company, issued through the operations API as an admin issues one. */
    private static String issueToken(PayaraMicroNode node, long companyId, String label) throws Exception {
        HttpResponse<String> issued = OPS.send(HttpRequest.newBuilder(node.uri("api/report-tokens"))
                .header("Authorization", "Bearer " + OPS_TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"companyId\": " + companyId + ", \"label\": \"" + label
                        + "\", \"expiresAt\": null}")).build(), HttpResponse.BodyHandlers.ofString());
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("no token was issued: " + issued.statusCode() + " " + issued.body());
        }
        return Json.createReader(new StringReader(issued.body())).readObject().getString("token");
    }

    private static JsonObject sync(PayaraMicroNode node) throws Exception {
        return node.awaitCompletedRun(node.startRun(), SYNC_TIMEOUT);
    }



    private static SnapshotClient.Pass requireRows(SnapshotClient.Pass pass, long rows) {
        requireRows(pass.rows(), rows, "v2 snapshot");
        return pass;
    }

    private static void requireRows(long read, long rows, String what) {
        if (read != rows) {
            throw new IllegalStateException("the " + what + " read " + read + " rows of " + rows);
        }
    }

    /** A call whose time is measured. */
    private interface Call {
        void run() throws Exception;
    }

    private static void timed(Latencies latencies, Call call) throws Exception {
        long start = System.nanoTime();
        call.run();
        latencies.add(System.nanoTime() - start);
    }

    private static long liveRows(Database database, long companyId) throws SQLException {
        return number(database, "SELECT COUNT(*) FROM {local_alx_api_reporting} WHERE companyid = " + companyId
                + " AND is_deleted = 0");
    }

    private static long tableRows(Database database) throws SQLException {
        return number(database, "SELECT COUNT(*) FROM {local_alx_api_reporting}");
    }

    private static long number(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql(sql))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(60);
            statement.execute(database.sql(sql));
        }
    }

    private static void bench(String name, double value) {
        System.out.printf(Locale.ROOT, "BENCH %s %.2f%n", name, value);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
