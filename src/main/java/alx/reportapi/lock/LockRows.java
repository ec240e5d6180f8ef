package alx.reportapi.lock;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement on the lock's rows in {@code config_plugins}, each in the caller's session and
 * bounded by its timeout. The SQL runs unchanged on MariaDB/MySQL and on H2 in MySQL mode.
 * <p>
 * Writers lock the lock row before the holder row, so two of them never wait on each other in a
 * circle.
 */
final class LockRows {

    static final int STATEMENT_TIMEOUT_SECONDS = 10;
    /**
     * The lock value this service writes: the database's Unix time with a leading zero (see
     * {@link LockValue#writtenByThisService}).
     */
    static final String OUR_VALUE = "CONCAT('0', UNIX_TIMESTAMP())";

    private final long staleAfterSeconds;
    private final Map<Takeover, String> takeOver = new EnumMap<>(Takeover.class);
    private final String insertFreeLock;
    private final String writeHolder;
    private final String selectForUpdate;
    private final String readBoth;
    private final String bumpHeartbeat;
    private final String deleteBoth;
    private final String deleteLockIfNotLive;

    LockRows(long staleAfterSeconds) {
        this.staleAfterSeconds = staleAfterSeconds;
        for (Takeover takeover : Takeover.values()) {
            takeOver.put(takeover, "UPDATE {config_plugins} SET value = " + OUR_VALUE
                    + " WHERE plugin = ? AND name = ? AND (" + takeover.condition + ")");
        }
        insertFreeLock = "INSERT IGNORE INTO {config_plugins} (plugin, name, value)"
                + " VALUES (?, ?, " + OUR_VALUE + ")";
        writeHolder = "INSERT INTO {config_plugins} (plugin, name, value)"
                + " VALUES (?, ?, CONCAT(?, UNIX_TIMESTAMP())) ON DUPLICATE KEY UPDATE value = VALUES(value)";
        selectForUpdate = "SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ? FOR UPDATE";
        readBoth = "SELECT name, value, UNIX_TIMESTAMP() FROM {config_plugins}"
                + " WHERE plugin = ? AND name IN (?, ?)";
        bumpHeartbeat = "UPDATE {config_plugins} SET value = " + OUR_VALUE + " WHERE plugin = ? AND name = ?";
        // Freeing blanks the rows instead of deleting them: takers then contend on one existing
        // row's lock, never on InnoDB gap locks around a missing key, which deadlock under load.
        // PHP's get_config reads '' as no lock, as it reads a missing row.
        deleteBoth = "UPDATE {config_plugins} SET value = '' WHERE plugin = ? AND name IN (?, ?)";
        deleteLockIfNotLive = "UPDATE {config_plugins} SET value = '' WHERE plugin = ? AND name = ? AND ("
                + Takeover.NOT_LIVE + ")";
    }

    /** Sets the lock value to now if the row is in the given state; true if it was. */
    boolean takeOver(Session session, Takeover takeover) throws SQLException {
        Object[] parameters = new Object[2 + takeover.staleParameters()];
        parameters[0] = SyncLock.PLUGIN;
        parameters[1] = SyncLock.LOCK_NAME;
        for (int i = 0; i < takeover.staleParameters(); i++) {
            parameters[2 + i] = staleAfterSeconds;
        }
        return session.update(takeOver.get(takeover), parameters) == 1;
    }

    /** Inserts the lock row unless one exists; true if this call created it. */
    boolean insertFreeLock(Session session) throws SQLException {
        return session.update(insertFreeLock, SyncLock.PLUGIN, SyncLock.LOCK_NAME) == 1;
    }

    /** Records who holds the lock, acquired now on the database clock. */
    void writeHolder(Session session, LockHolder who) throws SQLException {
        session.update(writeHolder, SyncLock.PLUGIN, SyncLock.HOLDER_NAME, HolderRecord.prefixOf(who));
    }

    /** Locks one of the two rows until the transaction ends and returns its value. */
    Optional<String> selectForUpdate(Session session, String name) throws SQLException {
        return session.first(selectForUpdate, rs -> rs.getString(1), SyncLock.PLUGIN, name);
    }

    /** Both rows in one plain read, with the database clock. */
    StoredRows read(Session session) throws SQLException {
        Optional<String> lock = Optional.empty();
        Optional<String> holder = Optional.empty();
        long now = -1;
        for (String[] row : session.list(readBoth, rs -> new String[] {rs.getString(1), rs.getString(2),
                Long.toString(rs.getLong(3))}, SyncLock.PLUGIN, SyncLock.LOCK_NAME, SyncLock.HOLDER_NAME)) {
            if (SyncLock.LOCK_NAME.equals(row[0])) {
                lock = Optional.ofNullable(row[1]);
            } else {
                holder = Optional.ofNullable(row[1]);
            }
            now = Long.parseLong(row[2]);
        }
        return new StoredRows(lock, holder, now);
    }

    void bumpHeartbeat(Session session) throws SQLException {
        session.update(bumpHeartbeat, SyncLock.PLUGIN, SyncLock.LOCK_NAME);
    }

    /** Frees the lock: both rows blank (see the constructor for why not deleted). */
    void deleteBoth(Session session) throws SQLException {
        session.update(deleteBoth, SyncLock.PLUGIN, SyncLock.LOCK_NAME, SyncLock.HOLDER_NAME);
    }

    /** Blanks the lock row only if it is not live on the database clock; true if it did. */
    boolean deleteLockIfNotLive(Session session) throws SQLException {
        return deleteLockIfSilentFor(session, staleAfterSeconds);
    }

    /**
     * Blanks the lock row only if its last heartbeat is more than {@code seconds} old on the
     * database clock (or unreadable); true if it did.
     */
    boolean deleteLockIfSilentFor(Session session, long seconds) throws SQLException {
        return session.update(deleteLockIfNotLive, SyncLock.PLUGIN, SyncLock.LOCK_NAME, seconds, seconds) == 1;
    }
}
