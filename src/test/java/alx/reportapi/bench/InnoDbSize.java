package alx.reportapi.bench;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Sizes one of MariaDB's dynamic InnoDB sizes for as long as a benchmark runs, then puts the old
 * size back.
 * <p>
 * The buffer pool: the package default (128 MB) holds a scale-1 site but not a scale-10 one (about
 * 1.5 GB with indexes), so at scale 10 every strategy measured mostly the disk; a production Moodle
 * database is sized to keep its working set in memory.
 * <p>
 * The redo log, only when asked for: MariaDB's default (96 MB) is what a full sync at scale 10 fills
 * to its limit, so that InnoDB flushes pages as fast as the log wraps. MariaDB advises a redo log
 * as large as the buffer pool for write-heavy servers.
 */
final class InnoDbSize implements AutoCloseable {

    static final String BUFFER_POOL = "innodb_buffer_pool_size";
    static final String REDO_LOG = "innodb_log_file_size";

    static final long BENCHMARK_POOL_BYTES = 2L << 30;

    private final Database database;
    private final String variable;
    private final long originalBytes;

    private InnoDbSize(Database database, String variable, long originalBytes) {
        this.database = database;
        this.variable = variable;
        this.originalBytes = originalBytes;
    }

    /** Grows {@code variable} to {@code bytes} if it is smaller, until closed. */
    static InnoDbSize atLeast(Database database, String variable, long bytes) throws SQLException {
        long original = current(database, variable);
        if (original < bytes) {
            resize(database, variable, bytes);
        }
        System.out.printf(Locale.ROOT, "%s %d MB for this benchmark (was %d MB)%n", variable,
                current(database, variable) >> 20, original >> 20);
        return new InnoDbSize(database, variable, original);
    }

    @Override
    public void close() throws SQLException {
        if (current(database, variable) != originalBytes) {
            resize(database, variable, originalBytes);
        }
    }

    private static long current(Database database, String variable) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@" + variable)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Resizing runs in the background; waits, bounded, until MariaDB reports the new size. */
    private static void resize(Database database, String variable, long bytes) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL " + variable + " = " + bytes);
        }
        for (int attempt = 0; attempt < 600 && current(database, variable) != bytes; attempt++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
