package alx.reportapi.settings;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every setting: its name in {@code config_plugins}, its kind, its default (as stored)
 * and, for whole numbers, its range. Adding a setting is one line here plus its label and
 * description in {@code labels.properties}.
 */
public enum PluginSetting {

    MAX_SYNC_TIME("max_sync_time", 300, 60, 3600),
    BATCH_SIZE("batch_size", 1000, 100, 10_000),
    SYNC_ENABLED("sync_enabled", SettingKind.BOOLEAN, "1"),
    SYNC_SCHEDULE("sync_schedule", SettingKind.SCHEDULE, "0 *"),
    RUN_LOG_RETENTION_DAYS("run_log_retention_days", 30, 1, 3650),
    CHANGE_OVERLAP_SECONDS("change_overlap_seconds", 900, 60, 86_400),
    VERIFY_WINDOW_HOURS("verify_window_hours", 24, 1, 168),
    MAX_RECORDS("max_records", 1000, 1, 10_000),
    RATE_LIMIT("rate_limit", 100, 0, 10_000_000),
    ALLOW_GET_METHOD("allow_get_method", SettingKind.BOOLEAN, "0"),
    TOKEN_RATE_LIMIT("token_rate_limit_per_minute", 120, 0, 100_000),
    LOG_RETENTION_DAYS("log_retention_days", 90, 0, 3650);

    private final String settingName;
    private final SettingKind kind;
    private final String defaultText;
    private final Long min;
    private final Long max;

    PluginSetting(String settingName, long defaultValue, long min, long max) {
        this.settingName = settingName;
        this.kind = SettingKind.INTEGER;
        this.defaultText = Long.toString(defaultValue);
        this.min = min;
        this.max = max;
    }

    PluginSetting(String settingName, SettingKind kind, String defaultText) {
        this.settingName = settingName;
        this.kind = kind;
        this.defaultText = defaultText;
        this.min = null;
        this.max = null;
    }

    /** The row's {@code name} in {@code config_plugins}, and the key of its label. */
    public String settingName() {
        return settingName;
    }

    public SettingKind kind() {
        return kind;
    }

    /** The default as it would be stored, e.g. "300", "1", "0 *". */
    public String defaultText() {
        return defaultText;
    }

    public Object defaultValue() {
        return SettingValidator.validate(this, defaultText);
    }

    /** Lowest allowed value; empty for settings that are not whole numbers. */
    public Optional<Long> min() {
        return Optional.ofNullable(min);
    }

    /** Highest allowed value; empty for settings that are not whole numbers. */
    public Optional<Long> max() {
        return Optional.ofNullable(max);
    }

    public static Optional<PluginSetting> find(String settingName) {
        return Arrays.stream(values()).filter(s -> s.settingName.equals(settingName)).findFirst();
    }
}
