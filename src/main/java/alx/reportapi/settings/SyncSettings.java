package alx.reportapi.settings;

import java.util.EnumMap;
import java.util.Map;

/**
 * The settings in force at one moment: every {@link PluginSetting} with a valid value (the stored
 * one, or the default). Immutable, so a sync run reads it once and is not changed by a save that
 * happens while it runs.
 */
public final class SyncSettings {

    private final Map<PluginSetting, Object> values;

    SyncSettings(Map<PluginSetting, Object> values) {
        EnumMap<PluginSetting, Object> copy = new EnumMap<>(PluginSetting.class);
        for (PluginSetting setting : PluginSetting.values()) {
            Object value = values.get(setting);
            if (!setting.kind().javaType().isInstance(value)) {
                throw new IllegalArgumentException(setting.settingName() + " needs a "
                        + setting.kind().javaType().getSimpleName() + ", got " + value);
            }
            copy.put(setting, value);
        }
        this.values = copy;
    }

    /** Every setting at its default. */
    public static SyncSettings defaults() {
        Map<PluginSetting, Object> values = new EnumMap<>(PluginSetting.class);
        for (PluginSetting setting : PluginSetting.values()) {
            values.put(setting, setting.defaultValue());
        }
        return new SyncSettings(values);
    }

    /**
     * A copy with one setting changed, validated like a save: for callers (and their tests) that
     * need settings other than the defaults without a database.
     *
     * @throws InvalidSettingException if the value is refused
     */
    public SyncSettings with(PluginSetting setting, String text) {
        Map<PluginSetting, Object> changed = new EnumMap<>(values);
        changed.put(setting, SettingValidator.validate(setting, text));
        return new SyncSettings(changed);
    }

    /** The value of any setting, of type {@code setting.kind().javaType()}. */
    public Object value(PluginSetting setting) {
        return values.get(setting);
    }

    /** The value as {@code config_plugins} holds it. */
    public String text(PluginSetting setting) {
        return setting.kind().format(values.get(setting));
    }

    public int maxSyncTimeSeconds() {
        return (Integer) values.get(PluginSetting.MAX_SYNC_TIME);
    }

    public int batchSize() {
        return (Integer) values.get(PluginSetting.BATCH_SIZE);
    }

    public boolean syncEnabled() {
        return (Boolean) values.get(PluginSetting.SYNC_ENABLED);
    }

    public SyncSchedule schedule() {
        return (SyncSchedule) values.get(PluginSetting.SYNC_SCHEDULE);
    }

    public int runLogRetentionDays() {
        return (Integer) values.get(PluginSetting.RUN_LOG_RETENTION_DAYS);
    }

    public int changeOverlapSeconds() {
        return (Integer) values.get(PluginSetting.CHANGE_OVERLAP_SECONDS);
    }

    public int verifyWindowHours() {
        return (Integer) values.get(PluginSetting.VERIFY_WINDOW_HOURS);
    }

    /** The largest page the compatible report endpoint serves. */
    public int maxRecords() {
        return (Integer) values.get(PluginSetting.MAX_RECORDS);
    }

    /** Report API requests a company may make per day unless its own limit says otherwise; 0 is unlimited. */
    public int rateLimit() {
        return (Integer) values.get(PluginSetting.RATE_LIMIT);
    }

    /** Requests one report API token may make per minute; 0 is unlimited. */
    public int tokenRateLimitPerMinute() {
        return (Integer) values.get(PluginSetting.TOKEN_RATE_LIMIT);
    }

    /** Days the report API's request log is kept; 0 keeps it for ever. */
    public int logRetentionDays() {
        return (Integer) values.get(PluginSetting.LOG_RETENTION_DAYS);
    }

    /** Whether the compatible report endpoint answers GET as well as POST. */
    public boolean allowGetMethod() {
        return (Boolean) values.get(PluginSetting.ALLOW_GET_METHOD);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncSettings that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SyncSettings{");
        values.forEach((setting, value) -> text.append(setting.settingName()).append('=')
                .append(setting.kind().format(value)).append(", "));
        text.setLength(text.length() - 2);
        return text.append('}').toString();
    }
}
