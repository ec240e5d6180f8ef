package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.H2TestDatabase;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where the sync's tests start: a generated Moodle site with the plugin's tables and a sync harness
 * over it, in a database of its own, on MariaDB or on H2 (as the demo runs). Closing it closes the
 * harness, then drops the database.
 */
final class HarnessedSite implements AutoCloseable {

    /** Drops the site's database. */
    private final AutoCloseable drop;
    private final Database database;
    private final SyncHarness harness;

    private HarnessedSite(AutoCloseable drop, Database database, SyncHarness harness) {
        this.drop = drop;
        this.database = database;
        this.harness = harness;
    }

    /** The site in a MariaDB database of its own, named after {@code purpose}. */
    static HarnessedSite onMariaDb(String purpose, long seed, double scale) throws Exception {
        TestDatabase testDatabase = TestDatabase.create(purpose);
        return load(testDatabase::close, testDatabase.database(), seed, scale);
    }

    /** The site in an H2 database of its own, in memory. */
    static HarnessedSite onH2(String purpose, long seed, double scale) throws Exception {
        H2TestDatabase h2 = new H2TestDatabase(purpose);
        return load(h2::close, h2.database(), seed, scale);
    }

    private static HarnessedSite load(AutoCloseable drop, Database database, long seed, double scale) throws Exception {
        try {
            GeneratedMoodle.load(database, seed, scale);
            TestSchemas.pluginTables(database);
            return new HarnessedSite(drop, database, new SyncHarness(database));
        } catch (Exception | Error e) {
            drop.close();
            throw e;
        }
    }

    Database database() {
        return database;
    }

    SyncHarness harness() {
        return harness;
    }

    /** A full sync of the site in pages of {@code batchSize}, which must complete. */
    RunEnd syncInFull(int batchSize) throws Exception {
        RunEnd full = harness.run(3600, batchSize);
        assertEquals(RunOutcome.COMPLETED, full.outcome(), full.message());
        return full;
    }

    @Override
    public void close() throws Exception {
        try {
            harness.close();
        } finally {
            drop.close();
        }
    }
}
