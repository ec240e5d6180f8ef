package alx.reportapi.sync;

import alx.reportapi.settings.PluginSetting;

/**
 * The settings of a run's change detection, as its job parameters carry them (README, Behavior 7
 * and 16): how far before its cursor a company's pass looks again, and the window in which the
 * rolling verification reaches every pair.
 *
 * @param overlapSeconds      {@code change_overlap_seconds}
 * @param verifyWindowSeconds {@code verify_window_hours}, in seconds
 */
record ChangeDetectionSettings(long overlapSeconds, long verifyWindowSeconds) {

    static final ChangeDetectionSettings DEFAULTS = of(null, null);

    /** From the job parameters; a missing one (an execution started before they existed) takes the default. */
    static ChangeDetectionSettings of(String overlapSeconds, String verifyWindowHours) {
        return new ChangeDetectionSettings(parse(overlapSeconds, PluginSetting.CHANGE_OVERLAP_SECONDS),
                parse(verifyWindowHours, PluginSetting.VERIFY_WINDOW_HOURS) * 3600);
    }

    private static long parse(String text, PluginSetting setting) {
        return Long.parseLong(text == null || text.isBlank() ? setting.defaultText() : text.trim());
    }
}
