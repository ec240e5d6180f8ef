package alx.reportapi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The most heap a server held live while something ran: every {@link #SAMPLE_INTERVAL} a full
 * collection is asked for with {@code jcmd <pid> GC.run}, and the heap left after each, which the
 * GC log records, is what was live at that moment.
 * <p>
 * Peaks read from ordinary collections measured G1 instead: before a collection the heap holds
 * whatever young generation G1 chose, and after a young one it still holds the old generation's
 * garbage until a mixed collection; at scale 10 that rose to 429 MB on code whose live heap stayed
 * near 145 MB (2026-12-03). Full collections stop the server, so the run measured here is not a
 * timed one.
 */
final class LiveHeap {

    static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern FULL_GC = Pattern.compile("Pause Full \\([^)]*\\) \\d+M->(\\d+)M");

    private LiveHeap() {
    }

    /** A condition that may fail, as asking the database whether a run ended may. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /**
     * Samples the live heap of process {@code pid} until {@code ended} holds or {@code timeout}
     * passes.
     *
     * @return the largest live heap sampled, in MB, and how many samples were taken
     */
    static Sampled peakWhile(long pid, Path gcLog, Condition ended, Duration timeout) throws Exception {
        int linesBefore = Files.readAllLines(gcLog).size();
        long deadline = System.nanoTime() + timeout.toNanos();
        // Bounded by the deadline.
        while (!ended.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the measured run did not end within " + timeout);
            }
            collect(pid);
            Thread.sleep(SAMPLE_INTERVAL.toMillis());
        }
        List<String> lines = Files.readAllLines(gcLog);
        long peak = 0;
        int samples = 0;
        for (String line : lines.subList(Math.min(linesBefore, lines.size()), lines.size())) {
            Matcher matcher = FULL_GC.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
                samples++;
            }
        }
        if (samples == 0) {
            throw new IllegalStateException("no full collection was logged in " + gcLog + ": is -Xlog:gc on?");
        }
        return new Sampled(peak, samples);
    }

    /** The largest live heap sampled, in MB, over {@code samples} full collections. */
    record Sampled(long peakMegabytes, int samples) {
    }

    private static void collect(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " GC.run did not return within " + JCMD_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " GC.run failed with " + process.exitValue());
        }
    }
}
