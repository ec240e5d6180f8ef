package alx.reportapi.settings;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns the text an admin typed (or a row holds) into a setting's typed value, or refuses it with
 * an {@link InvalidSettingException} that says which setting, what was wrong and what is allowed.
 * Pure: no database, no state.
 */
public final class SettingValidator {

    /** Longer input is refused before any parsing; no valid value comes near it. */
    public static final int MAX_INPUT_CHARS = 100;

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    private SettingValidator() {
    }

    /** The setting with this name, or a clear refusal listing the known ones. */
    public static PluginSetting setting(String settingName) {
        if (settingName == null || settingName.isBlank()) {
            throw new InvalidSettingException(settingName, "no setting name was given",
                    "No setting name was given. Known settings: " + knownNames() + ". Nothing was changed.");
        }
        String problem = "unknown setting " + UntrustedText.quote(settingName);
        return PluginSetting.find(settingName).orElseThrow(() -> new InvalidSettingException(settingName, problem,
                "Unknown setting " + UntrustedText.quote(settingName) + ". Known settings: " + knownNames()
                        + ". Nothing was changed."));
    }

    public static Object validate(String settingName, String raw) {
        return validate(setting(settingName), raw);
    }

    /** The typed value ({@link SettingKind#javaType()}) of {@code raw}, or an exception; never a default. */
    public static Object validate(PluginSetting setting, String raw) {
        if (raw == null) {
            throw invalid(setting, "no value was given");
        }
        if (raw.length() > MAX_INPUT_CHARS) {
            throw invalid(setting, "the value is " + raw.length() + " characters long; at most "
                    + MAX_INPUT_CHARS + " are accepted");
        }
        String text = raw.strip();
        if (text.isEmpty()) {
            throw invalid(setting, "the value is empty");
        }
        return switch (setting.kind()) {
            case INTEGER -> wholeNumber(setting, text);
            case BOOLEAN -> onOff(setting, text);
            case SCHEDULE -> schedule(setting, text);
        };
    }

    /** What the setting accepts, for messages and descriptions. */
    public static String rule(PluginSetting setting) {
        return switch (setting.kind()) {
            case INTEGER -> "Enter a whole number from " + setting.min().orElseThrow() + " to "
                    + setting.max().orElseThrow() + " (default " + setting.defaultText() + ").";
            case BOOLEAN -> "Enter 1 or 0 (yes/no and true/false are accepted too; default "
                    + setting.defaultText() + ").";
            case SCHEDULE -> SyncSchedule.RULE + " (default '" + setting.defaultText() + "').";
        };
    }

    private static Integer wholeNumber(PluginSetting setting, String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw invalid(setting, UntrustedText.quote(text) + " is not a whole number");
        }
        BigInteger value = new BigInteger(text);
        BigInteger min = BigInteger.valueOf(setting.min().orElseThrow());
        BigInteger max = BigInteger.valueOf(setting.max().orElseThrow());
        if (value.signum() < 0 && min.signum() >= 0) {
            throw invalid(setting, UntrustedText.quote(text) + " is negative");
        }
        if (value.compareTo(min) < 0) {
            throw invalid(setting, UntrustedText.quote(text) + " is below the minimum " + min);
        }
        if (value.compareTo(max) > 0) {
            throw invalid(setting, UntrustedText.quote(text) + " is above the maximum " + max);
        }
        return value.intValueExact();
    }

    private static Boolean onOff(PluginSetting setting, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> Boolean.TRUE;
            case "0", "false", "no" -> Boolean.FALSE;
            default -> throw invalid(setting, UntrustedText.quote(text) + " is not on or off");
        };
    }

    private static SyncSchedule schedule(PluginSetting setting, String text) {
        try {
            return SyncSchedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(setting, UntrustedText.quote(text) + " is not a valid schedule: " + e.getMessage());
        }
    }

    private static InvalidSettingException invalid(PluginSetting setting, String problem) {
        return new InvalidSettingException(setting.settingName(), problem,
                "Setting " + setting.settingName() + ": " + problem + ". " + rule(setting) + " Nothing was changed.");
    }

    private static String knownNames() {
        return Arrays.stream(PluginSetting.values()).map(PluginSetting::settingName)
                .collect(Collectors.joining(", "));
    }
}
