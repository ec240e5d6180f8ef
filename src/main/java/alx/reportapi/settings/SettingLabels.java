package alx.reportapi.settings;

import java.util.Locale;
import java.util.ResourceBundle;

/** Labels and descriptions of the settings, Moodle style: key {@code name} and {@code name_desc}. */
public final class SettingLabels {

    public static final String BUNDLE = "alx.reportapi.i18n.labels";

    private final ResourceBundle bundle;

    public SettingLabels(Locale locale) {
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale);
    }

    public SettingLabels() {
        this(Locale.ROOT);
    }

    public String label(PluginSetting setting) {
        return bundle.getString(setting.settingName());
    }

    public String description(PluginSetting setting) {
        return bundle.getString(setting.settingName() + "_desc");
    }
}
