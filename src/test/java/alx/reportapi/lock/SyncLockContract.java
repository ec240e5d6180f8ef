package alx.reportapi.lock;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.db.Transaction;
import alx.reportapi.testing.CapturedLog;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock's contract (SPEC 3.3), one test per promise, run against every database the product
 * runs on. Staleness is tested by writing old heartbeats by the database clock, never by waiting.
 */
abstract class SyncLockContract {

    private static final long HOUR = 3600;
    private final LockHolder nodeA = new LockHolder("node-a", "incarnation-1", 11);
    private final LockHolder nodeB = new LockHolder("node-b", "incarnation-1", 22);

    private Database database;
    private SyncLock lock;

    protected abstract Database openDatabase() throws SQLException;

    protected abstract void closeDatabase() throws SQLException;

    @BeforeEach
    void setUp() throws SQLException {
        database = openDatabase();
        TestSchemas.moodleSubset(database);
        lock = new SyncLock(database, HOUR);
    }

    @AfterEach
    void tearDown() throws SQLException {
        closeDatabase();
    }

    @Test
    void aFreeLockIsTakenAndItsValueStaysTheUnixTimeThePhpPluginReads() throws SQLException {
        assertEquals(new TakeResult.Taken(nodeA, false), lock.take(nodeA));
        String value = lockValue().orElseThrow();
        // PHP's (int) cast and arithmetic read "01767000000" as 1767000000; its time() never writes the zero.
        assertTrue(value.matches("0[1-9][0-9]{9}"), value);
        assertTrue(Math.abs(Long.parseLong(value) - databaseNow()) <= 5, value);
        assertEquals(Optional.of(nodeA), lock.state().orElseThrow().holder());
    }

    @Test
    void aHeldLockIsNeverGivenToASecondTaker() {
        lock.take(nodeA);
        TakeResult second = lock.take(nodeB);
        TakeResult.Held held = assertInstanceOf(TakeResult.Held.class, second);
        assertTrue(held.skipMessage().startsWith("Another sync task is already running: held by node node-a"),
                held.skipMessage());
        assertTrue(held.skipMessage().contains("last heartbeat"), held.skipMessage());
        assertEquals(Optional.of(nodeA), lock.state().orElseThrow().holder());
    }

    @Test
    void aLockIsTakenOverOnlyWhenStaleByTheDatabaseClock() throws SQLException {
        lock.take(nodeA);
        setHeartbeat(databaseNow() - HOUR + 30);
        assertInstanceOf(TakeResult.Held.class, lock.take(nodeB), "younger than an hour: live");
        setHeartbeat(databaseNow() - HOUR - 30);
        assertEquals(new TakeResult.Taken(nodeB, true), lock.take(nodeB));
        assertEquals(Optional.of(nodeB), lock.state().orElseThrow().holder());
    }

    @Test
    void aHolderReleasesOnlyItsOwnLock() throws SQLException {
        lock.take(nodeA);
        assertFalse(lock.release(nodeB));
        assertFalse(lock.release(new LockHolder("node-a", "incarnation-1", 12)), "another execution of the node");
        assertTrue(lockValue().isPresent());
        assertTrue(lock.release(nodeA));
        assertTrue(lock.state().isEmpty());
        assertEquals(Optional.of(""), lockValue(), "freed as PHP reads a free lock");
    }

    @Test
    void aHeartbeatFailsAfterATakeover() throws SQLException {
        lock.take(nodeA);
        assertTrue(heartbeat(nodeA));
        setHeartbeat(databaseNow() - 2 * HOUR);
        lock.take(nodeB);
        assertFalse(heartbeat(nodeA));
        assertTrue(heartbeat(nodeB));
    }

    @Test
    void theFenceHoldsInTheCallersTransactionAndFailsAfterATakeover() throws SQLException {
        lock.take(nodeA);
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Session session = Session.of(database, connection, 10);
            assertTrue(lock.fence(session, nodeA));
            connection.commit();
            setHeartbeat(databaseNow() - 2 * HOUR);
            lock.take(nodeB);
            assertFalse(lock.fence(session, nodeA));
            connection.rollback();
            connection.setAutoCommit(true);
            assertThrows(IllegalStateException.class, () -> lock.fence(session, nodeB),
                    "a fence outside a transaction would fence nothing");
        }
    }

    @Test
    void aGarbageValueIsTreatedAsStaleAndLoggedAsAWarningNeverACrash() throws SQLException {
        lock.take(nodeA);
        for (String garbage : List.of("abc", "12abc", "-5", "1e9")) {
            writeLockValue(garbage);
            try (CapturedLog log = CapturedLog.ofPackage("alx.reportapi.lock")) {
                assertTrue(lock.state().orElseThrow().stale(), "'" + garbage + "' is stale");
                assertEquals(new TakeResult.Taken(nodeB, true), lock.take(nodeB), "'" + garbage + "'");
                assertFalse(log.messages(Level.WARNING).isEmpty(), "'" + garbage + "' was warned about");
            }
            assertTrue(lock.release(nodeB));
            lock.take(nodeA);
        }
    }

    @Test
    void anEmptyValueIsAFreeLock() throws SQLException {
        writeLockValue("");
        assertTrue(lock.state().isEmpty());
        assertEquals(new TakeResult.Taken(nodeA, false), lock.take(nodeA));
    }

    @Test
    void startUpRecoveryFreesOnlyThisNodesDeadIncarnation() throws SQLException {
        lock.take(nodeA);
        setHeartbeat(databaseNow() - SyncLock.INCARNATION_SILENCE_SECONDS - 5);
        assertEquals(List.of(), lock.recoverDeadIncarnations("node-b", "incarnation-9"), "another node's lock");
        assertEquals(List.of(), lock.recoverDeadIncarnations("node-a", "incarnation-1"), "this very incarnation");
        assertTrue(lock.state().isPresent());
        assertEquals(List.of(nodeA), lock.recoverDeadIncarnations("node-a", "incarnation-2"));
        assertTrue(lock.state().isEmpty());
    }

    /** Two processes started with the same node name: the second must not free the first's live lock. */
    @Test
    void aProcessWithTheSameNodeNameNeverFreesALockWhoseHeartbeatIsLive() throws SQLException {
        lock.take(nodeA);
        setHeartbeat(databaseNow() - SyncLock.INCARNATION_SILENCE_SECONDS + 10);
        try (CapturedLog log = CapturedLog.ofPackage("alx.reportapi.lock")) {
            assertEquals(List.of(), lock.recoverDeadIncarnations("node-a", "incarnation-2"));
            assertTrue(log.messages(Level.WARNING).stream().anyMatch(m -> m.contains("ALX_NODE_NAME")),
                    log.messages(Level.WARNING).toString());
        }
        assertEquals(Optional.of(nodeA), lock.state().orElseThrow().holder());
        assertTrue(heartbeat(nodeA), "the first process still holds its lock");
        assertTrue(lock.heartbeat(nodeA), "and its own heartbeat finds it");
    }

    /**
     * The PHP plugin's cron reads the lock as free, this service takes it, then the cron writes its
     * own time (read-then-write), in the same second: its write leaves the holder row naming this
     * service's run, so only the value can tell.
     */
    @Test
    void aPhpCronWritingTheLockJustAfterATakeEndsTheRunsClaimToIt() throws SQLException {
        lock.take(nodeA);
        String phpTime = Long.toString(databaseNow());
        writeLockValue(phpTime);
        assertFalse(heartbeat(nodeA), "the fence finds the lock no longer this run's");
        assertFalse(lock.heartbeat(nodeA), "and so does the heartbeat");
        assertFalse(lock.release(nodeA), "the run must not free the cron's lock");
        assertEquals(Optional.of(phpTime), lockValue(), "the cron's lock stays as it wrote it");
        assertInstanceOf(TakeResult.Held.class, lock.take(nodeB), "and nobody else takes it while it is live");
        assertEquals(List.of(), lock.recoverDeadIncarnations("node-a", "incarnation-2"), "not even a restart");
    }

    @Test
    void aHeartbeatCommitsOnItsOwnWhileAnotherTransactionOfTheRunIsOpen() throws SQLException {
        lock.take(nodeA);
        setHeartbeat(databaseNow() - 11 * 60);
        try (Connection run = database.connect()) {
            run.setAutoCommit(false);
            try (PreparedStatement write = run.prepareStatement(database.sql(
                    "INSERT INTO {config_plugins} (plugin, name, value) VALUES ('test', 'run_write', '1')"))) {
                write.executeUpdate();
            }
            assertTrue(lock.heartbeat(nodeA));
            assertTrue(lock.state().orElseThrow().ageSeconds() <= 5, "seen by others before the run's transaction ends");
            run.rollback();
        }
    }

    /** Seed 001: a cleanup freed a run's lock after 5 minutes while the run was alive. */
    @Test
    void cleanupNeverFreesALiveLockOlderThanThePhpTimeout() throws SQLException {
        lock.take(nodeA);
        setHeartbeat(databaseNow() - 6 * 60);
        assertEquals(Optional.empty(), lock.releaseIfStale());
        assertFalse(lock.release(nodeB));
        assertInstanceOf(TakeResult.Held.class, lock.take(nodeB));
        assertTrue(heartbeat(nodeA));
        setHeartbeat(databaseNow() - 2 * HOUR);
        assertEquals(Optional.of(nodeA), lock.releaseIfStale());
    }

    @Test
    void aLockTakenByThePhpCronWithoutAHolderIsRespectedAndDescribed() throws SQLException {
        writeLockValue(Long.toString(databaseNow()));
        TakeResult.Held held = assertInstanceOf(TakeResult.Held.class, lock.take(nodeA));
        assertTrue(held.skipMessage().contains("did not record"), held.skipMessage());
    }

    private long databaseNow() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT UNIX_TIMESTAMP()");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Ages this service's own heartbeat, written as it writes it (with the leading zero). */
    private void setHeartbeat(long unixTime) throws SQLException {
        writeLockValue("0" + unixTime);
    }

    /** Writes the lock row's value as someone else (a PHP cron, a hand edit) would. */
    private void writeLockValue(String value) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement(database.sql(
                     "UPDATE {config_plugins} SET value = ? WHERE plugin = ? AND name = ?"))) {
            update.setString(1, value);
            update.setString(2, SyncLock.PLUGIN);
            update.setString(3, SyncLock.LOCK_NAME);
            if (update.executeUpdate() == 0) {
                try (PreparedStatement insert = connection.prepareStatement(database.sql(
                        "INSERT INTO {config_plugins} (plugin, name, value) VALUES (?, ?, ?)"))) {
                    insert.setString(1, SyncLock.PLUGIN);
                    insert.setString(2, SyncLock.LOCK_NAME);
                    insert.setString(3, value);
                    insert.executeUpdate();
                }
            }
        }
    }

    private Optional<String> lockValue() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ?"))) {
            query.setString(1, SyncLock.PLUGIN);
            query.setString(2, SyncLock.LOCK_NAME);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A heartbeat as a run's writing transaction makes it: the fence, committed. */
    private boolean heartbeat(LockHolder who) throws SQLException {
        return Transaction.run(database, Transaction.Isolation.READ_COMMITTED, 10, session -> lock.fence(session, who));
    }
}
