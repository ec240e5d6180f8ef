package alx.reportapi.report;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One company's report settings in force: which fields and courses its clients see, its daily
 * request limit and how the compatible endpoint chooses full or incremental pages.
 *
 * @param values every stored setting by name, the API's own values over those adopted from the
 *               PHP plugin's table
 */
public record CompanyReportSettings(long companyId, Map<String, Long> values) {

    public static final String RATE_LIMIT = "rate_limit";
    public static final String SYNC_MODE = "sync_mode";
    public static final String SYNC_WINDOW_HOURS = "sync_window_hours";
    public static final String COURSE_PREFIX = "course_";

    /** The plugin's sync modes, as its Control Center numbers them. */
    public static final int SYNC_AUTO = 0;
    public static final int SYNC_ALWAYS_INCREMENTAL = 1;
    public static final int SYNC_ALWAYS_FULL = 2;
    public static final int SYNC_DISABLED = 3;

    public CompanyReportSettings {
        values = Map.copyOf(values);
    }

    /** The fields switched on, in response order; a field without a row is on, as in the plugin. */
    public Set<ReportField> fields() {
        Set<ReportField> on = EnumSet.noneOf(ReportField.class);
        for (ReportField field : ReportField.values()) {
            if (values.getOrDefault(field.settingName(), 1L) != 0) {
                on.add(field);
            }
        }
        return on;
    }

    /**
     * Courses switched off explicitly ({@code course_<id>} = 0). A course without a row is on: a
     * course added to the company later appears in the report without an admin saving the form
     * again (README, Behavior 19).
     */
    public Set<Long> disabledCourses() {
        Set<Long> off = new TreeSet<>();
        values.forEach((name, value) -> {
            if (name.startsWith(COURSE_PREFIX) && value == 0) {
                off.add(Long.parseLong(name.substring(COURSE_PREFIX.length())));
            }
        });
        return off;
    }

    /** The company's own daily limit; 0 means the global {@code rate_limit} applies. */
    public long rateLimit() {
        return values.getOrDefault(RATE_LIMIT, 0L);
    }

    public int syncMode() {
        return values.getOrDefault(SYNC_MODE, (long) SYNC_AUTO).intValue();
    }

    public long syncWindowHours() {
        return values.getOrDefault(SYNC_WINDOW_HOURS, 24L);
    }

    /** The settings sorted by name, for display. */
    public Map<String, Long> sorted() {
        return new TreeMap<>(values);
    }
}
