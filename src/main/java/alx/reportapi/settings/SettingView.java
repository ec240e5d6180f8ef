package alx.reportapi.settings;

/**
 * One setting as the admin page and the API show it. Texts are as stored in
 * {@code config_plugins}; {@code min} and {@code max} are null unless the setting is a whole
 * number; {@code problem} is null unless the stored value was refused and the default is in force.
 */
public record SettingView(
        String name,
        SettingKind kind,
        String value,
        String defaultValue,
        Long min,
        Long max,
        String label,
        String description,
        String problem) {
}
