package alx.reportapi.settings;

import alx.reportapi.testing.CapturedLog;
import alx.reportapi.db.Database;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the settings store and {@code config_plugins} access promise, on any database the product
 * runs on. Subclasses give a fresh, empty database.
 */
abstract class SettingsStoreContract {

    private Database database;
    private SettingsStore store;
    private ConfigPlugins config;
    private CapturedLog log;

    /** A fresh database with nothing in it. */
    protected abstract Database openDatabase() throws SQLException;

    protected abstract void closeDatabase() throws SQLException;

    @BeforeEach
    void setUp() throws SQLException {
        database = openDatabase();
        TestSchemas.moodleSubset(database);
        config = new ConfigPlugins(database);
        store = new SettingsStore(database);
        log = CapturedLog.of(SettingsStore.class);
    }

    @AfterEach
    void tearDown() throws SQLException {
        log.close();
        closeDatabase();
    }

    @Test
    void givesTheDefaultsWhenNothingIsStored() throws SQLException {
        assertEquals(SyncSettings.defaults(), store.current());
        assertTrue(log.messages(Level.WARNING).isEmpty());
    }

    @Test
    void savesValidValuesAsMoodleStoresThemAndReadsThemBack() throws SQLException {
        assertEquals(120, store.save("max_sync_time", "120"));
        assertEquals(500, store.save("batch_size", " 500 "));
        assertEquals(Boolean.FALSE, store.save("sync_enabled", "no"));
        assertEquals(new SyncSchedule("*/15", "8-18"), store.save("sync_schedule", "*/15   8-18"));
        assertEquals(3650, store.save("run_log_retention_days", "3650"));

        assertEquals(Map.of("max_sync_time", "120", "batch_size", "500", "sync_enabled", "0",
                "sync_schedule", "*/15 8-18", "run_log_retention_days", "3650"), rows());
        SyncSettings current = store.current();
        assertEquals(120, current.maxSyncTimeSeconds());
        assertEquals(500, current.batchSize());
        assertEquals(false, current.syncEnabled());
        assertEquals("*/15", current.schedule().minute());
        assertEquals("8-18", current.schedule().hour());
        assertEquals(3650, current.runLogRetentionDays());
    }

    @Test
    void savingAgainReplacesTheValueInPlace() throws SQLException {
        store.save("batch_size", "500");
        long id = rowId("batch_size");
        store.save("batch_size", "700");
        assertEquals(Map.of("batch_size", "700"), rows());
        assertEquals(id, rowId("batch_size"));
    }

    @Test
    void invalidInputThrowsAndLeavesTheStoredRowAsItWas() throws SQLException {
        store.save("batch_size", "500");
        String[] bad = {"abc", "-5", "99", "10001", "99999999999999999999", "", "  ", null, "5".repeat(101), "1.5"};
        for (String raw : bad) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> store.save("batch_size", raw));
            assertTrue(e.getMessage().contains("from 100 to 10000"), e.getMessage());
        }
        assertEquals(Map.of("batch_size", "500"), rows());
        assertEquals(500, store.current().batchSize());
    }

    @Test
    void invalidInputForAnAbsentSettingWritesNoRow() throws SQLException {
        assertThrows(InvalidSettingException.class, () -> store.save("max_sync_time", "59"));
        assertThrows(InvalidSettingException.class, () -> store.save("sync_enabled", "maybe"));
        assertThrows(InvalidSettingException.class, () -> store.save("sync_schedule", "0 24"));
        assertEquals(Map.of(), rows());
    }

    @Test
    void anUnknownOrMissingNameWritesNothing() throws SQLException {
        assertThrows(InvalidSettingException.class, () -> store.save("max_sync_tme", "300"));
        assertThrows(InvalidSettingException.class, () -> store.save(null, "300"));
        assertThrows(InvalidSettingException.class, () -> store.save("", "300"));
        assertEquals(Map.of(), rows());
    }

    @Test
    void anOutOfRangeValueEditedInTheDatabaseIsNotTrusted() throws SQLException {
        insertRaw("local_alx_report_api", "max_sync_time", "5");
        insertRaw("local_alx_report_api", "run_log_retention_days", "99999999999999999999");

        SyncSettings current = store.current();

        assertEquals(300, current.maxSyncTimeSeconds());
        assertEquals(30, current.runLogRetentionDays());
        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("[local_alx_report_api] config_plugins holds '5'"
                + " for max_sync_time, which is not valid ('5' is below the minimum 60); the default 300 is used")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.contains("run_log_retention_days")
                && w.contains("'99999999999999999999' is above the maximum 3650")), warnings.toString());
        assertEquals("5", rawValue("max_sync_time").orElseThrow(), "reading never rewrites the row");
    }

    @Test
    void garbageInTheDatabaseFallsBackToTheDefaultWithAWarningEach() throws SQLException {
        insertRaw("local_alx_report_api", "batch_size", "lots\nSEVERE: forged");
        insertRaw("local_alx_report_api", "sync_enabled", "maybe");
        insertRaw("local_alx_report_api", "sync_schedule", "every hour");
        insertRaw("local_alx_report_api", "max_sync_time", "");

        assertEquals(SyncSettings.defaults(), store.current());

        List<String> warnings = log.messages(Level.WARNING);
        assertEquals(4, warnings.size(), warnings.toString());
        for (String name : new String[] {"batch_size", "sync_enabled", "sync_schedule", "max_sync_time"}) {
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith("[local_alx_report_api]")
                    && w.contains(" for " + name + ", which is not valid")), name + " in " + warnings);
        }
        assertTrue(warnings.stream().noneMatch(w -> w.contains("\n")), "no forged log lines");
    }

    @Test
    void describeShowsEverySettingWithItsRangeLabelAndAnyProblem() throws SQLException {
        store.save("batch_size", "2500");
        insertRaw("local_alx_report_api", "max_sync_time", "7200");

        List<SettingView> views = store.describe();

        assertEquals(PluginSetting.values().length, views.size());
        SettingView maxSyncTime = views.get(0);
        assertEquals("max_sync_time", maxSyncTime.name());
        assertEquals(SettingKind.INTEGER, maxSyncTime.kind());
        assertEquals("300", maxSyncTime.value());
        assertEquals("300", maxSyncTime.defaultValue());
        assertEquals(60L, maxSyncTime.min());
        assertEquals(3600L, maxSyncTime.max());
        assertEquals("Maximum sync duration (seconds)", maxSyncTime.label());
        assertTrue(maxSyncTime.description().contains("60 to"), maxSyncTime.description());
        assertTrue(maxSyncTime.problem().contains("'7200' is above the maximum 3600"), maxSyncTime.problem());

        SettingView batchSize = views.get(1);
        assertEquals("2500", batchSize.value());
        assertNull(batchSize.problem());

        SettingView schedule = views.get(3);
        assertEquals("sync_schedule", schedule.name());
        assertEquals("0 *", schedule.value());
        assertNull(schedule.min());
    }

    @Test
    void rowsOfOtherPluginsAreNeitherReadNorTouched() throws SQLException {
        insertRaw("core", "batch_size", "5");
        insertRaw("local_other", "max_sync_time", "garbage");

        store.save("batch_size", "200");

        assertEquals(200, store.current().batchSize());
        assertEquals(300, store.current().maxSyncTimeSeconds());
        assertTrue(log.messages(Level.WARNING).isEmpty());
        assertEquals("5", rawValue("core", "batch_size").orElseThrow());
        assertEquals("garbage", rawValue("local_other", "max_sync_time").orElseThrow());
    }

    @Test
    void configPluginsGetsSetsAndUnsetsThePluginsRows() throws SQLException {
        assertEquals(Optional.empty(), config.get("sync_task_lock"));
        config.set("sync_task_lock", "1760000000");
        assertEquals(Optional.of("1760000000"), config.get("sync_task_lock"));
        config.set("sync_task_lock", "1760000060");
        assertEquals(Map.of("sync_task_lock", "1760000060"), config.all());
        config.unset("sync_task_lock");
        assertEquals(Optional.empty(), config.get("sync_task_lock"));
        config.unset("sync_task_lock");
        assertEquals(Map.of(), rows());
    }

    @Test
    void configPluginsRefusesNamesAndValuesTheColumnCannotHold() throws SQLException {
        assertThrows(IllegalArgumentException.class, () -> config.set(null, "1"));
        assertThrows(IllegalArgumentException.class, () -> config.set("", "1"));
        assertThrows(IllegalArgumentException.class, () -> config.set("n".repeat(101), "1"));
        assertThrows(IllegalArgumentException.class, () -> config.set("last_auto_sync", null));
        assertThrows(IllegalArgumentException.class, () -> config.setAll(Map.of("a", "1", "", "2")));
        assertEquals(Map.of(), rows());
    }

    @Test
    void lastAutoSyncAndLastSyncStatsAreWrittenAsThePhpPluginWroteThem() throws SQLException {
        SyncStatsRecorder recorder = new SyncStatsRecorder(config);
        assertEquals(OptionalLong.empty(), recorder.lastAutoSync());

        recorder.recordCompletedRun(new SyncStats(3, 1200, 45, 0, 87, 1_760_000_000L));
        recorder.recordCompletedRun(new SyncStats(2, 10, 1, 1, 12, 1_760_003_600L));

        assertEquals(Map.of("last_auto_sync", "1760003600",
                "last_sync_stats", "{\"companies_processed\":2,\"total_records_updated\":10,"
                        + "\"total_records_created\":1,\"errors\":1,\"duration_seconds\":12,\"timestamp\":1760003600}"),
                rows());
        assertEquals(OptionalLong.of(1_760_003_600L), recorder.lastAutoSync());
        assertTrue(recorder.lastSyncStatsJson().orElseThrow().startsWith("{\"companies_processed\":2,"));
    }

    @Test
    void aLastAutoSyncWrittenByPhpIsRead() throws SQLException {
        insertRaw("local_alx_report_api", "last_auto_sync", "1759996800");
        assertEquals(OptionalLong.of(1_759_996_800L), new SyncStatsRecorder(config).lastAutoSync());
        config.set("last_auto_sync", "yesterday");
        assertEquals(OptionalLong.empty(), new SyncStatsRecorder(config).lastAutoSync());
    }

    private Map<String, String> rows() throws SQLException {
        return config.all();
    }

    private Optional<String> rawValue(String name) throws SQLException {
        return rawValue(ConfigPlugins.PLUGIN, name);
    }

    private Optional<String> rawValue(String plugin, String name) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT value FROM {config_plugins} WHERE plugin = ? AND name = ?"))) {
            statement.setQueryTimeout(10);
            statement.setString(1, plugin);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private long rowId(String name) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT id FROM {config_plugins} WHERE plugin = ? AND name = ?"))) {
            statement.setQueryTimeout(10);
            statement.setString(1, ConfigPlugins.PLUGIN);
            statement.setString(2, name);
            try (ResultSet rs = statement.executeQuery()) {
                assertTrue(rs.next(), name);
                return rs.getLong(1);
            }
        }
    }

    /** As an admin editing the table by hand would, past all validation. */
    private void insertRaw(String plugin, String name, String value) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "INSERT INTO {config_plugins} (plugin, name, value) VALUES (?, ?, ?)"))) {
            statement.setQueryTimeout(10);
            statement.setString(1, plugin);
            statement.setString(2, name);
            statement.setString(3, value);
            statement.executeUpdate();
        }
    }
}
