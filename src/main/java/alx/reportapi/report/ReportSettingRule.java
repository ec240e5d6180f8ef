package alx.reportapi.report;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which per-company report settings exist and which values each accepts. */
public final class ReportSettingRule {

    private static final Pattern COURSE = Pattern.compile("course_([1-9][0-9]{0,17})");
    /** High enough for any site, low enough that a typo of three extra zeros is caught. */
    public static final long MAX_RATE_LIMIT = 10_000_000;
    public static final long MAX_SYNC_WINDOW_HOURS = 8760;

    private ReportSettingRule() {
    }

    /**
     * Checks one setting.
     *
     * @return empty when valid, else the reason
     */
    public static Optional<String> problem(String name, long value) {
        if (name == null) {
            return Optional.of("a setting needs a name");
        }
        if (name.startsWith("field_")) {
            if (ReportField.byKey(name.substring("field_".length())).isEmpty()) {
                return Optional.of("there is no field '" + name.substring("field_".length()) + "'");
            }
            return flag(name, value);
        }
        if (name.startsWith(CompanyReportSettings.COURSE_PREFIX)) {
            if (!COURSE.matcher(name).matches()) {
                return Optional.of("'" + name + "' is not course_<course id>");
            }
            return flag(name, value);
        }
        return switch (name) {
            case CompanyReportSettings.RATE_LIMIT -> range(name, value, 0, MAX_RATE_LIMIT);
            case CompanyReportSettings.SYNC_MODE -> range(name, value, 0, 3);
            case CompanyReportSettings.SYNC_WINDOW_HOURS -> range(name, value, 1, MAX_SYNC_WINDOW_HOURS);
            default -> Optional.of("there is no company report setting '" + name + "'");
        };
    }

    private static Optional<String> flag(String name, long value) {
        return value == 0 || value == 1 ? Optional.empty()
                : Optional.of(name + " is 1 (on) or 0 (off), not " + value);
    }

    private static Optional<String> range(String name, long value, long min, long max) {
        return value >= min && value <= max ? Optional.empty()
                : Optional.of(name + " must be from " + min + " to " + max + ", not " + value);
    }
}
