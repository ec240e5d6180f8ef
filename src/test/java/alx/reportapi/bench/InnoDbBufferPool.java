package alx.reportapi.bench;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * Sizes MariaDB's buffer pool to hold the benchmark's working set for as long as it runs, then
 * puts the old size back. The package default (128 MB) holds a scale-1 site but not a scale-10
 * one (about 1.5 GB with indexes), so at scale 10 every strategy measured mostly the disk; a
 * production Moodle database is sized to keep its working set in memory.
 */
final class InnoDbBufferPool implements AutoCloseable {

    static final long BENCHMARK_BYTES = 2L << 30;

    private final Database database;
    private final long originalBytes;

    private InnoDbBufferPool(Database database, long originalBytes) {
        this.database = database;
        this.originalBytes = originalBytes;
    }

    static InnoDbBufferPool atLeast(Database database, long bytes) throws SQLException {
        long original = current(database);
        if (original < bytes) {
            resize(database, bytes);
        }
        System.out.printf(Locale.ROOT, "innodb_buffer_pool_size %d MB for this benchmark (was %d MB)%n",
                current(database) >> 20, original >> 20);
        return new InnoDbBufferPool(database, original);
    }

    @Override
    public void close() throws SQLException {
        if (current(database) != originalBytes) {
            resize(database, originalBytes);
        }
    }

    private static long current(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@innodb_buffer_pool_size")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Resizing runs in the background; waits, bounded, until MariaDB reports the new size. */
    private static void resize(Database database, long bytes) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL innodb_buffer_pool_size = " + bytes);
        }
        for (int attempt = 0; attempt < 600 && current(database) != bytes; attempt++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
