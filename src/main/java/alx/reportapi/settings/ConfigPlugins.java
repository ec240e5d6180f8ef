package alx.reportapi.settings;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plugin's rows of Moodle's {@code config_plugins} (plugin {@code local_alx_report_api}): what
 * PHP's {@code get_config}/{@code set_config}/{@code unset_config} do, minus Moodle's cache.
 * Stores text as given; checking it is the caller's job.
 */
public final class ConfigPlugins {

    public static final String PLUGIN = "local_alx_report_api";
    /** {@code config_plugins.name} is VARCHAR(100). */
    public static final int MAX_NAME_CHARS = 100;
    private static final int TIMEOUT_SECONDS = 10;

    private final Database database;

    public ConfigPlugins(Database database) {
        this.database = database;
    }

    public Optional<String> get(String name) throws SQLException {
        checkName(name);
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ?"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, PLUGIN);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Inserts the row or replaces its value, keeping its id. */
    public void set(String name, String value) throws SQLException {
        checkEntry(name, value);
        setAll(Map.of(name, value));
    }

    /** Sets several values in one transaction, so a reader sees all of them or none. */
    public void setAll(Map<String, String> values) throws SQLException {
        values.forEach(ConfigPlugins::checkEntry);
        try (Connection connection = database.connect()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(database.sql(
                    "INSERT INTO {config_plugins} (plugin, name, value) VALUES (?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE value = VALUES(value)"))) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
                    statement.setString(1, PLUGIN);
                    statement.setString(2, entry.getKey());
                    statement.setString(3, entry.getValue());
                    statement.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    public void unset(String name) throws SQLException {
        checkName(name);
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "DELETE FROM {config_plugins} WHERE plugin = ? AND name = ?"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, PLUGIN);
            statement.setString(2, name);
            statement.executeUpdate();
        }
    }

    /** Every row of the plugin, by name. */
    public Map<String, String> all() throws SQLException {
        return Session.autoCommit(database, TIMEOUT_SECONDS, this::all);
    }

    /** Every row of the plugin, by name, read on a session the caller holds. */
    public Map<String, String> all(Session session) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        session.each("SELECT name, value FROM {config_plugins} WHERE plugin = ?",
                rs -> Map.entry(rs.getString(1), rs.getString(2)), row -> rows.put(row.getKey(), row.getValue()),
                PLUGIN);
        return rows;
    }

    private static void checkEntry(String name, String value) {
        checkName(name);
        if (value == null) {
            throw new IllegalArgumentException("config_plugins.value cannot be null (name "
                    + UntrustedText.quote(name) + ")");
        }
    }

    private static void checkName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("A config_plugins name must be 1 to " + MAX_NAME_CHARS
                    + " characters, got " + UntrustedText.quote(name));
        }
    }
}
