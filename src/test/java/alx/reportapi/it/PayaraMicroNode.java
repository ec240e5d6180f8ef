package alx.reportapi.it;

import alx.reportapi.Plugin;
import alx.reportapi.testing.TestDatabase;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * One Payara Micro process running the built WAR against a test database, started and stopped
 * by the test itself, so that tests can run several nodes, kill one with SIGKILL, or stop one
 * gracefully with SIGTERM. Its log goes to {@code target/nodes/<name>.log}.
 */
public final class PayaraMicroNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final String name;
    private final TestDatabase database;
    private final Map<String, String> environment;
    private final String token;
    private final int port;
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx384m"));
    private boolean asDeployed;
    private boolean restartsDeployingOnce;
    private Path root;
    private Process process;
    private Path log;
    private long logStart;

    public PayaraMicroNode(String name, TestDatabase database, String token, Map<String, String> environment)
            throws IOException {
        this.name = name;
        this.database = database;
        this.token = token;
        this.environment = Map.copyOf(environment);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    public String name() {
        return name;
    }

    /** Replaces the default JVM options (heap 384 MB), e.g. for a benchmark's heap cap and GC log. */
    public PayaraMicroNode jvmOptions(List<String> options) {
        jvmOptions.clear();
        jvmOptions.addAll(options);
        return this;
    }

    /**
     * Runs the node as the README deploys it: Payara's data grid on (clustering off, so test nodes
     * never join each other) and one root directory kept across restarts, as a service keeps it.
     * By default a node starts without the data grid and on a fresh root directory every time.
     */
    public PayaraMicroNode asDeployed() {
        this.asDeployed = true;
        return this;
    }

    /**
     * Runs the node as deployed ({@link #asDeployed()}), except that a restart leaves out
     * {@code --deploy}: Payara then deploys once the application it keeps in the root directory,
     * instead of that one and then {@code --deploy}'s over it. For a test of what a restart does to
     * the sync (its lock, its runs), not of the restart's deployments, which TimerRestartIT checks
     * as the README deploys the node.
     */
    public PayaraMicroNode asDeployedRestartingOnce() {
        this.asDeployed = true;
        this.restartsDeployingOnce = true;
        return this;
    }

    /** The server's process id, for tools such as jcmd; the node must have been started. */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + name + " was not started");
        }
        return process.pid();
    }

    /** Starts the process and waits, bounded, until the operations API answers. */
    public PayaraMicroNode start() throws IOException, InterruptedException {
        File jar = new File(System.getProperty("payara.microJar", "target/payara-micro.jar"));
        File war = new File(System.getProperty("it.war", "target/alx-report-api.war"));
        if (!jar.isFile() || !war.isFile()) {
            throw new IllegalStateException("Payara Micro (" + jar + ") or the WAR (" + war + ") is missing: run the"
                    + " ITs through 'mvn verify', which packages both first.");
        }
        Path logs = Path.of(war.getParent(), "nodes");
        Files.createDirectories(logs);
        boolean restartOnKeptRoot = root != null && asDeployed;
        if (!restartOnKeptRoot) {
            root = Files.createTempDirectory("alx-node-" + name);
        }
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.getPath()));
        if (!(restartOnKeptRoot && restartsDeployingOnce)) {
            command.addAll(List.of("--deploy", war.getPath()));
        }
        command.addAll(List.of("--port", Integer.toString(port), "--nocluster", "--rootdir", root.toString()));
        if (!asDeployed) {
            command.add("--nohazelcast");
        }
        log = logs.resolve(name + ".log");
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        logStart = logBefore;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("ALX_DB_URL", database.url());
        builder.environment().put("ALX_DB_USER", TestDatabase.user());
        builder.environment().put("ALX_DB_PASSWORD", TestDatabase.password());
        builder.environment().put("ALX_OPS_TOKEN", token);
        builder.environment().put("ALX_NODE_NAME", name);
        builder.environment().putAll(environment);
        process = builder.start();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " exited with " + process.exitValue()
                        + "; see " + logs.resolve(name + ".log"));
            }
            try {
                // On a kept root directory Payara deploys the application it remembers there, and
                // then --deploy's over it; only its own "ready" says the last one is in place.
                if (get("api/sync/lock").statusCode() == 200 && (!asDeployed || saysReady(log, logBefore))) {
                    return this;
                }
            } catch (IOException notYet) {
                // the server is still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node " + name + " did not answer within " + START_TIMEOUT);
    }

    private static boolean saysReady(Path log, long from) throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                java.nio.charset.StandardCharsets.UTF_8).contains(" ready in ");
    }

    /**
     * Writes the server's thread dump (jcmd) beside its log, for a test that found it stuck;
     * bounded. Returns the dump's path.
     */
    public Path dumpThreads(String label) throws IOException, InterruptedException {
        Path dump = log.resolveSibling(name + "-" + label + "-threads.txt");
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), "Thread.print").redirectErrorStream(true)
                .redirectOutput(dump.toFile()).start();
        if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
            jcmd.destroyForcibly();
        }
        return dump;
    }

    /** SIGKILL: the process dies at once, holding whatever it held. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends SIGTERM, as an operator's service stop does, without waiting. */
    public void signalStop() {
        process.destroy();
    }

    /** Waits, bounded, for the process to exit. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM: the server shuts down the way an operator's service stop does. */
    public boolean stopGracefully(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Starts a run through the operations API and answers its execution id; anything but 202 fails. */
    public long startRun() throws IOException, InterruptedException {
        HttpResponse<String> started = post("api/sync/runs");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("the run did not start on " + name + ": " + started.body());
        }
        return executionIdOf(started);
    }

    /**
     * Asks for a run until one is accepted, bounded, and answers its execution id: meanwhile a run
     * of this node or of another may hold the lock (409), or a dead process's lock awaits recovery.
     */
    public long awaitAcceptedRun(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = post("api/sync/runs");
            if (response.statusCode() == 202) {
                return executionIdOf(response);
            }
            last = response.statusCode() + " " + response.body();
            Thread.sleep(500);
        }
        throw new AssertionError(name + " accepted no run within " + timeout + "; last answer: " + last);
    }

    private static long executionIdOf(HttpResponse<String> accepted) {
        return Json.createReader(new StringReader(accepted.body())).readObject().getJsonNumber("executionId")
                .longValue();
    }

    /** The run as the operations API shows it once it has ended; any outcome but completed fails. */
    public JsonObject awaitCompletedRun(long executionId, Duration timeout) throws IOException, InterruptedException {
        JsonObject run = awaitRun(executionId, timeout);
        if (!run.getString("outcome").equals("completed")) {
            throw new IllegalStateException("run " + executionId + " on " + name + " ended " + run);
        }
        return run;
    }

    /** Waits, bounded, until the run is no longer running, and returns it. */
    public JsonObject awaitRun(long executionId, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = get("api/sync/runs/" + executionId);
            if (response.statusCode() == 200) {
                JsonObject run = Json.createReader(new StringReader(response.body())).readObject();
                if (!run.getString("outcome").equals("running")) {
                    return run;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + executionId + " on " + name + " did not end within " + timeout);
    }

    /** Waits, bounded, until the node's log, since its latest start, contains {@code text}. */
    public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!logSinceStart().contains(text)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("node " + name + " did not log '" + text + "' within " + timeout
                        + "; its last lines of this product:\n" + lastProductLines(12));
            }
            Thread.sleep(250);
        }
    }

    /**
     * The node's latest lines of this product, each cut to its time and message: a failure's report
     * then says what the node was doing, where a CI run's output keeps only its end.
     */
    private String lastProductLines(int count) throws IOException {
        List<String> lines = logSinceStart().lines().filter(line -> line.contains(Plugin.LOG_PREFIX)).toList();
        StringBuilder shown = new StringBuilder();
        for (String line : lines.subList(Math.max(0, lines.size() - count), lines.size())) {
            String time = line.startsWith("[") && line.length() > 24 ? line.substring(1, 24) + " " : "";
            String message = line.substring(line.indexOf(Plugin.LOG_PREFIX));
            shown.append(time).append(message, 0, Math.min(message.length(), 300)).append('\n');
        }
        return shown.toString();
    }

    /** The node's log since its latest start. */
    public String logSinceStart() throws IOException {
        byte[] all = Files.readAllBytes(log);
        int from = (int) Math.min(logStart, all.length);
        return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A path at the server's root, outside the application (MicroProfile Health: {@code health/ready}). */
    public HttpResponse<String> getAtServerRoot(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/" + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The address of a path of the application, for a client of its own (a benchmark's, with its own headers). */
    public URI uri(String path) {
        return URI.create("http://localhost:" + port + "/alx-report-api/" + path);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
