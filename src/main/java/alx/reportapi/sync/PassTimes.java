package alx.reportapi.sync;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Where a run's chunk step spent its time, phase by phase, as the batch thread saw it: the run's
 * end logs it, so that an operator (and a benchmark) sees what a short run's passes cost without
 * a profiler. Time the batch thread spent waiting for a page derived ahead counts as deriving;
 * derivation that overlapped a write is not counted twice.
 */
final class PassTimes {

    /** A phase of the chunk step. */
    enum Phase {
        /** The reader: due companies, passes in progress, pages of pairs. */
        READING("reading"),
        /** The processor: a page's rows derived, or waited for when derived ahead. */
        DERIVING("deriving"),
        /** The writer: companies' passes started, their pending pairs filled, one-page passes written. */
        STARTING_PASSES("starting passes"),
        /** The writer: pages written, passes completed, failures recorded. */
        WRITING("writing pages");

        private final String words;

        Phase(String words) {
            this.words = words;
        }
    }

    /** Runs a part of a phase; its time counts whether it returns or throws. */
    @FunctionalInterface
    interface Timed<T, E extends Exception> {
        T run() throws E;
    }

    private final Map<Phase, AtomicLong> nanos = new EnumMap<>(Phase.class);

    PassTimes() {
        for (Phase phase : Phase.values()) {
            nanos.put(phase, new AtomicLong());
        }
    }

    <T, E extends Exception> T time(Phase phase, Timed<T, E> work) throws E {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            add(phase, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    void add(Phase phase, Duration spent) {
        nanos.get(phase).addAndGet(spent.toNanos());
    }

    Duration of(Phase phase) {
        return Duration.ofNanos(nanos.get(phase).get());
    }

    /** "reading 120 ms, deriving 840 ms, starting passes 310 ms, writing pages 1,020 ms". */
    String describe() {
        return Arrays.stream(Phase.values())
                .map(phase -> phase.words + " " + String.format(Locale.ROOT, "%,d", of(phase).toMillis()) + " ms")
                .collect(Collectors.joining(", "));
    }
}
