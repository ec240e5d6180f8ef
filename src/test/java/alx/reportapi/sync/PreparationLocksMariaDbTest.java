package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run's preparation reads Moodle's tables without locking their rows, on MariaDB. Its
 * collection is {@code INSERT … SELECT}s over Moodle's largest tables, which in REPEATABLE READ
 * take a shared lock on every row they read: a learner's completion Moodle is writing would then
 * hold up the preparation, and the preparation's locks every completion Moodle writes after it.
 */
class PreparationLocksMariaDbTest {

    /** Far below InnoDB's lock wait (50 s), far above a preparation of this site. */
    private static final long PREPARATION_SECONDS = 20;

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void syncedSite() throws Exception {
        site = HarnessedSite.onMariaDb("preplocks", 23, 0.02);
        database = site.database();
        harness = site.harness();
        site.syncInFull(500);
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aCompletionMoodleIsWritingDoesNotHoldUpThePreparation() throws Exception {
        ExecutorService preparing = Executors.newSingleThreadExecutor();
        try (Connection moodle = database.connect(); Statement statement = moodle.createStatement()) {
            moodle.setAutoCommit(false);
            statement.executeUpdate(database.sql("UPDATE {course_modules_completion} SET timemodified = UNIX_TIMESTAMP()"
                    + " ORDER BY id LIMIT 1"));
            SyncHarness.OpenRun run = harness.open(3600, 500);
            Future<?> prepared = preparing.submit(run::prepare);
            boolean preparedBesideTheWrite;
            try {
                prepared.get(PREPARATION_SECONDS, TimeUnit.SECONDS);
                preparedBesideTheWrite = true;
            } catch (TimeoutException waiting) {
                preparedBesideTheWrite = false;
            } finally {
                moodle.rollback();
            }
            prepared.get(2, TimeUnit.MINUTES);
            assertTrue(preparedBesideTheWrite, "the preparation waited for a completion Moodle was writing");
            RunEnd end = run.finish(item -> { });
            assertEquals(RunOutcome.COMPLETED, end.outcome(), end.message());
        } finally {
            preparing.shutdownNow();
        }
    }
}
