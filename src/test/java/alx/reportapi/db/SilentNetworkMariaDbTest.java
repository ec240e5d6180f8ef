package alx.reportapi.db;

import alx.reportapi.testing.FaultProxy;
import alx.reportapi.testing.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database that goes silent without a reset ({@link FaultProxy.Mode#STALL}) under the pool the
 * product builds: a statement and a commit fail as a lost connection within the statement timeout
 * plus {@link NetworkBound#MARGIN}, the pool discards the connection, and once the network moves
 * again the pool serves working connections by itself (README, Behavior 17). Without the bound each
 * of these waits lasted until the operating system gave up on the socket.
 */
class SilentNetworkMariaDbTest {

    private static final int STATEMENT_TIMEOUT_SECONDS = 2;
    /** The bound, plus what a loaded machine adds to noticing it. */
    private static final Duration LONGEST_EXPECTED = NetworkBound.of(STATEMENT_TIMEOUT_SECONDS).plusSeconds(5);
    /** Where a wait without the bound is cut, so that the test fails instead of hanging. */
    private static final Duration HANG = LONGEST_EXPECTED.plusSeconds(30);

    private TestDatabase testDatabase;
    private FaultProxy proxy;
    private HikariDataSource pool;
    private Database database;

    @BeforeEach
    void openThePoolBehindTheProxy() throws Exception {
        testDatabase = TestDatabase.create("silentnetwork");
        proxy = FaultProxy.toTestDatabase();
        DatabaseSettings settings = new DatabaseSettings(Optional.of(proxy.proxiedUrl(testDatabase.url())),
                TestDatabase.user(), TestDatabase.password(), Optional.empty(), new TablePrefix(TablePrefix.DEFAULT),
                Path.of("unused"));
        pool = DataSources.pool(settings, 2);
        database = new Database(pool, settings.prefix());
        Session.autoCommit(database, 10, session -> session.update(
                "CREATE TABLE {probe} (id BIGINT PRIMARY KEY, note VARCHAR(20) NOT NULL)"));
    }

    @AfterEach
    void close() throws Exception {
        proxy.mode(FaultProxy.Mode.PASS);
        if (pool != null) {
            pool.close();
        }
        proxy.close();
        testDatabase.close();
    }

    @Test
    void aStatementTheDatabaseNeverAnswersFailsAsALostConnectionWithinItsBound() throws Exception {
        long stalledConnection = connectionId();
        long started = System.nanoTime();
        SQLException failure = assertTimeoutPreemptively(HANG, () -> assertThrows(SQLException.class,
                () -> Transaction.run(database, STATEMENT_TIMEOUT_SECONDS, session -> {
                    session.number("SELECT COUNT(*) FROM {probe}");
                    proxy.mode(FaultProxy.Mode.STALL);
                    return session.number("SELECT COUNT(*) FROM {probe}");
                })));
        assertWithinTheBound(started, failure);

        proxy.mode(FaultProxy.Mode.PASS);
        assertNotEquals(stalledConnection, connectionId(), "the pool discarded the stalled connection");
    }

    @Test
    void aCommitTheDatabaseNeverAnswersFailsAsALostConnectionWithinItsBound() throws Exception {
        long stalledConnection = connectionId();
        long started = System.nanoTime();
        SQLException failure = assertTimeoutPreemptively(HANG, () -> assertThrows(SQLException.class,
                () -> Transaction.run(database, STATEMENT_TIMEOUT_SECONDS, session -> {
                    session.update("INSERT INTO {probe} (id, note) VALUES (1, 'stalled')");
                    // The next bytes on the connection are the commit's.
                    proxy.mode(FaultProxy.Mode.STALL);
                    return null;
                })));
        assertWithinTheBound(started, failure);

        proxy.mode(FaultProxy.Mode.PASS);
        assertNotEquals(stalledConnection, connectionId(), "the pool discarded the stalled connection");
        // The commit's bytes reach the server late, so it may or may not have committed: a retry
        // must be idempotent (Retry). Either way the connection works again.
        long rows = Transaction.run(database, STATEMENT_TIMEOUT_SECONDS,
                session -> session.number("SELECT COUNT(*) FROM {probe}"));
        assertTrue(rows == 0 || rows == 1, "rows: " + rows);
    }

    @Test
    void aConnectionAskedForDuringTheStallFailsWithinThePoolsTimeoutAndThePoolServesAgainAfterIt() throws Exception {
        // Past the window in which the pool hands out a connection without checking it.
        Thread.sleep(1_000);
        proxy.mode(FaultProxy.Mode.STALL);
        long started = System.nanoTime();
        SQLException failure = assertTimeoutPreemptively(HANG, () -> assertThrows(SQLException.class,
                () -> Transaction.run(database, STATEMENT_TIMEOUT_SECONDS,
                        session -> session.number("SELECT COUNT(*) FROM {probe}"))));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(waited.compareTo(Duration.ofSeconds(15)) < 0, "waited " + waited + ": " + failure);

        proxy.mode(FaultProxy.Mode.PASS);
        assertEquals(0L, (long) assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Transaction.run(database,
                STATEMENT_TIMEOUT_SECONDS, session -> session.number("SELECT COUNT(*) FROM {probe}"))));
    }

    private static void assertWithinTheBound(long startedNanos, SQLException failure) {
        Duration waited = Duration.ofNanos(System.nanoTime() - startedNanos);
        assertTrue(waited.compareTo(LONGEST_EXPECTED) <= 0, "failed after " + waited + ", bound "
                + NetworkBound.of(STATEMENT_TIMEOUT_SECONDS) + ": " + failure);
        assertTrue(SqlFailures.isConnectionFailure(failure), SqlFailures.describe(failure));
        assertTrue(SqlFailures.isTransient(failure), SqlFailures.describe(failure));
    }

    private long connectionId() throws SQLException {
        return Transaction.run(database, STATEMENT_TIMEOUT_SECONDS, session -> session.number("SELECT CONNECTION_ID()"));
    }
}
