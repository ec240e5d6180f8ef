package alx.reportapi.lock;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every statement on the lock's rows in {@code config_plugins}, each on the caller's connection and
 * bounded by a query timeout. The SQL runs unchanged on MariaDB/MySQL and on H2 in MySQL mode.
 * <p>
 * Writers lock the lock row before the holder row, so two of them never wait on each other in a
 * circle.
 */
final class LockRows {

    static final int STATEMENT_TIMEOUT_SECONDS = 10;

    private final long staleAfterSeconds;
    private final Map<Takeover, String> takeOver = new EnumMap<>(Takeover.class);
    private final String insertFreeLock;
    private final String writeHolder;
    private final String selectForUpdate;
    private final String readBoth;
    private final String bumpHeartbeat;
    private final String deleteBoth;
    private final String deleteLockIfNotLive;

    LockRows(Database database, long staleAfterSeconds) {
        this.staleAfterSeconds = staleAfterSeconds;
        for (Takeover takeover : Takeover.values()) {
            takeOver.put(takeover, database.sql("UPDATE {config_plugins} SET value = UNIX_TIMESTAMP()"
                    + " WHERE plugin = ? AND name = ? AND (" + takeover.condition + ")"));
        }
        insertFreeLock = database.sql("INSERT IGNORE INTO {config_plugins} (plugin, name, value)"
                + " VALUES (?, ?, UNIX_TIMESTAMP())");
        writeHolder = database.sql("INSERT INTO {config_plugins} (plugin, name, value)"
                + " VALUES (?, ?, CONCAT(?, UNIX_TIMESTAMP())) ON DUPLICATE KEY UPDATE value = VALUES(value)");
        selectForUpdate = database.sql("SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ? FOR UPDATE");
        readBoth = database.sql("SELECT name, value, UNIX_TIMESTAMP() FROM {config_plugins}"
                + " WHERE plugin = ? AND name IN (?, ?)");
        bumpHeartbeat = database.sql("UPDATE {config_plugins} SET value = UNIX_TIMESTAMP() WHERE plugin = ? AND name = ?");
        // Freeing blanks the rows instead of deleting them: takers then contend on one existing
        // row's lock, never on InnoDB gap locks around a missing key, which deadlock under load.
        // PHP's get_config reads '' as no lock, as it reads a missing row.
        deleteBoth = database.sql("UPDATE {config_plugins} SET value = '' WHERE plugin = ? AND name IN (?, ?)");
        deleteLockIfNotLive = database.sql("UPDATE {config_plugins} SET value = '' WHERE plugin = ? AND name = ? AND ("
                + Takeover.NOT_LIVE + ")");
    }

    /** Sets the lock value to now if the row is in the given state; true if it was. */
    boolean takeOver(Connection connection, Takeover takeover) throws SQLException {
        try (PreparedStatement statement = prepare(connection, takeOver.get(takeover))) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            for (int i = 0; i < takeover.staleParameters(); i++) {
                statement.setLong(3 + i, staleAfterSeconds);
            }
            return statement.executeUpdate() == 1;
        }
    }

    /** Inserts the lock row unless one exists; true if this call created it. */
    boolean insertFreeLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, insertFreeLock)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            return statement.executeUpdate() == 1;
        }
    }

    /** Records who holds the lock, acquired now on the database clock. */
    void writeHolder(Connection connection, LockHolder who) throws SQLException {
        try (PreparedStatement statement = prepare(connection, writeHolder)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.HOLDER_NAME);
            statement.setString(3, HolderRecord.prefixOf(who));
            statement.executeUpdate();
        }
    }

    /** Locks one of the two rows until the transaction ends and returns its value. */
    Optional<String> selectForUpdate(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = prepare(connection, selectForUpdate)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Both rows in one plain read, with the database clock. */
    StoredRows read(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, readBoth)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            statement.setString(3, SyncLock.HOLDER_NAME);
            Optional<String> lock = Optional.empty();
            Optional<String> holder = Optional.empty();
            long now = -1;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (SyncLock.LOCK_NAME.equals(rows.getString(1))) {
                        lock = Optional.ofNullable(rows.getString(2));
                    } else {
                        holder = Optional.ofNullable(rows.getString(2));
                    }
                    now = rows.getLong(3);
                }
            }
            return new StoredRows(lock, holder, now);
        }
    }

    void bumpHeartbeat(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, bumpHeartbeat)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            statement.executeUpdate();
        }
    }

    /** Frees the lock: both rows blank (see the constructor for why not deleted). */
    void deleteBoth(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, deleteBoth)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            statement.setString(3, SyncLock.HOLDER_NAME);
            statement.executeUpdate();
        }
    }

    /** Blanks the lock row only if it is not live on the database clock; true if it did. */
    boolean deleteLockIfNotLive(Connection connection) throws SQLException {
        try (PreparedStatement statement = prepare(connection, deleteLockIfNotLive)) {
            statement.setString(1, SyncLock.PLUGIN);
            statement.setString(2, SyncLock.LOCK_NAME);
            statement.setLong(3, staleAfterSeconds);
            statement.setLong(4, staleAfterSeconds);
            return statement.executeUpdate() == 1;
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
        return statement;
    }
}
