package alx.reportapi.bench;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Waits, before a short run is timed, until InnoDB has caught up with the benchmark's earlier
 * writes: its purge (the undo history of the full syncs' deletes and upserts) and the flushing that
 * a redo log near its capacity forces. A full sync of a scale-10 site fills MariaDB's default
 * 96 MB redo log to its limit; for minutes after it InnoDB flushes and purges on the same two cores
 * the next run is timed on. A site synced hourly runs its short runs an hour after the last write
 * of any size, on a server that caught up long before.
 */
final class InnoDbQuiet {

    /** Undo records left to purge that count as caught up. */
    private static final long PURGE_BACKLOG = 100;

    /** Share of the redo log's capacity still to checkpoint that counts as caught up. */
    private static final double CHECKPOINT_SHARE = 0.25;

    private static final Duration POLL = Duration.ofMillis(250);

    /** Bounds each wait: with nothing else writing, InnoDB catches up within a minute or two. */
    private static final Duration MOST = Duration.ofMinutes(5);

    private final Database database;
    private final List<Double> waits = new ArrayList<>();

    InnoDbQuiet(Database database) {
        this.database = database;
    }

    /**
     * Waits until InnoDB has caught up, or {@link #MOST} passed; the wait is recorded either way,
     * and a wait that reached its bound is printed with what held it.
     */
    void await() throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + MOST.toNanos();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            Backlog backlog = backlog(statement);
            // Bounded by the deadline.
            while (!backlog.caughtUp() && System.nanoTime() < deadline) {
                Thread.sleep(POLL.toMillis());
                backlog = backlog(statement);
            }
            if (!backlog.caughtUp()) {
                System.out.println("InnoDB had not caught up after " + MOST.toSeconds() + " s, timed anyway: "
                        + backlog.describe());
            }
        }
        waits.add((System.nanoTime() - start) / 1e9);
    }

    /** The waits so far, in seconds, in order. */
    double[] waits() {
        return waits.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** What InnoDB still owes: undo records to purge, and redo to checkpoint out of what it may hold. */
    private record Backlog(long history, long checkpointAge, long checkpointMaxAge) {

        boolean caughtUp() {
            return history <= PURGE_BACKLOG && checkpointAge <= CHECKPOINT_SHARE * checkpointMaxAge;
        }

        String describe() {
            return String.format(Locale.ROOT, "purge backlog %,d undo records (caught up at %d or fewer),"
                    + " checkpoint age %.1f MB of %.1f MB (caught up at %.0f %%)", history, PURGE_BACKLOG,
                    checkpointAge / 1048576.0, checkpointMaxAge / 1048576.0, 100 * CHECKPOINT_SHARE);
        }
    }

    private static Backlog backlog(Statement statement) throws SQLException {
        long history = 0;
        long age = 0;
        long maxAge = 1;
        try (ResultSet rs = statement.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                + " ('Innodb_history_list_length', 'Innodb_checkpoint_age', 'Innodb_checkpoint_max_age')")) {
            while (rs.next()) {
                long value = rs.getLong(2);
                switch (rs.getString(1).toLowerCase(Locale.ROOT)) {
                    case "innodb_history_list_length" -> history = value;
                    case "innodb_checkpoint_age" -> age = value;
                    case "innodb_checkpoint_max_age" -> maxAge = Math.max(1, value);
                    default -> { }
                }
            }
        }
        return new Backlog(history, age, maxAge);
    }
}
