package alx.reportapi.bench;

import java.util.Arrays;

/** Page latencies in nanoseconds, read as percentiles in milliseconds (nearest rank). */
final class Latencies {

    private long[] nanos = new long[256];
    private int count;

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, 2 * count);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized void addAll(Latencies other) {
        long[] theirs = other.sorted();
        for (long value : theirs) {
            add(value);
        }
    }

    synchronized int count() {
        return count;
    }

    /** The {@code percent}th percentile in milliseconds: the smallest value at least that share of samples reach. */
    synchronized double percentileMillis(double percent) {
        if (count == 0) {
            throw new IllegalStateException("no latencies were recorded");
        }
        long[] sorted = sorted();
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, Math.min(count, rank) - 1)] / 1e6;
    }

    private synchronized long[] sorted() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted;
    }
}
