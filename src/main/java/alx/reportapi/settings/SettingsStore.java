package alx.reportapi.settings;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Reads and saves the settings in {@code config_plugins}. Saving validates first and writes
 * nothing on invalid input. Reading never trusts a row: a value that fails validation (edited in
 * the database, or written by an older release) is replaced by its default and logged.
 */
public final class SettingsStore {

    private static final Logger LOG = Logger.getLogger(SettingsStore.class.getName());

    private final ConfigPlugins config;
    private final SettingLabels labels;

    public SettingsStore(ConfigPlugins config, SettingLabels labels) {
        this.config = config;
        this.labels = labels;
    }

    public SettingsStore(Database database) {
        this(new ConfigPlugins(database), new SettingLabels());
    }

    /** The settings in force now, each one valid. */
    public SyncSettings current() throws SQLException {
        return settings(read(config.all()));
    }

    /** The settings in force now, each one valid, read on a session the caller holds. */
    public SyncSettings current(Session session) throws SQLException {
        return settings(read(config.all(session)));
    }

    private static SyncSettings settings(Map<PluginSetting, Effective> effective) {
        Map<PluginSetting, Object> values = new EnumMap<>(PluginSetting.class);
        effective.forEach((setting, value) -> values.put(setting, value.value()));
        return new SyncSettings(values);
    }

    /**
     * Validates {@code rawValue} for the setting named {@code name} and stores it.
     *
     * @return the typed value now stored ({@link SettingKind#javaType()})
     * @throws InvalidSettingException if the name is unknown or the value is refused; nothing is written
     */
    public Object save(String name, String rawValue) throws SQLException {
        PluginSetting setting = SettingValidator.setting(name);
        Object value = SettingValidator.validate(setting, rawValue);
        String stored = setting.kind().format(value);
        config.set(setting.settingName(), stored);
        LOG.info(() -> Plugin.LOG_PREFIX + "setting " + setting.settingName() + " saved as '" + stored + "'");
        return value;
    }

    /**
     * Validates every value first and then stores them all in one transaction: one refused value
     * and nothing is written.
     *
     * @param rawValues setting name to the text the admin typed
     * @return the text now stored for each setting
     * @throws InvalidSettingException for the first name or value refused; nothing is written
     */
    public Map<String, String> saveAll(Map<String, String> rawValues) throws SQLException {
        Map<String, String> stored = new TreeMap<>();
        rawValues.forEach((name, raw) -> {
            PluginSetting setting = SettingValidator.setting(name);
            stored.put(setting.settingName(), setting.kind().format(SettingValidator.validate(setting, raw)));
        });
        config.setAll(stored);
        LOG.info(() -> Plugin.LOG_PREFIX + "settings saved: " + stored);
        return stored;
    }

    /** Every setting with its value in force, range, label and description, in definition order. */
    public List<SettingView> describe() throws SQLException {
        List<SettingView> views = new ArrayList<>();
        read(config.all()).forEach((setting, effective) -> views.add(new SettingView(setting.settingName(), setting.kind(),
                setting.kind().format(effective.value()), setting.defaultText(), setting.min().orElse(null),
                setting.max().orElse(null), labels.label(setting), labels.description(setting),
                effective.problem())));
        return views;
    }

    private static Map<PluginSetting, Effective> read(Map<String, String> rows) {
        Map<PluginSetting, Effective> result = new EnumMap<>(PluginSetting.class);
        for (PluginSetting setting : PluginSetting.values()) {
            String raw = rows.get(setting.settingName());
            result.put(setting, raw == null ? new Effective(setting.defaultValue(), null) : trusted(setting, raw));
        }
        return result;
    }

    private static Effective trusted(PluginSetting setting, String raw) {
        try {
            return new Effective(SettingValidator.validate(setting, raw), null);
        } catch (InvalidSettingException e) {
            String problem = "config_plugins holds " + UntrustedText.quote(raw) + " for " + setting.settingName()
                    + ", which is not valid (" + e.problem() + "); the default " + setting.defaultText()
                    + " is used until a valid value is saved";
            LOG.warning(() -> Plugin.LOG_PREFIX + problem + ". " + SettingValidator.rule(setting));
            return new Effective(setting.defaultValue(), problem);
        }
    }

    /** The value in force and, when it is the default standing in for a refused row, why. */
    private record Effective(Object value, String problem) {
    }
}
