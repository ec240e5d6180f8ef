package alx.reportapi.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the sync timer fires: the minute and hour attributes of a
 * {@code jakarta.ejb.ScheduleExpression}, stored as "minute hour" (e.g. "0 *", hourly at :00).
 * <p>
 * Only the part of the EJB calendar syntax an operator needs is accepted, and strictly, so that a
 * typo is refused on save instead of failing when the timer is created: {@code *}, {@code *}/n,
 * a number, a range a-b, or a list of numbers and ranges.
 */
public record SyncSchedule(String minute, String hour) {

    static final String RULE = "Enter '<minute> <hour>', each field *, */n, a number, a list a,b,c"
            + " or a range a-b, with minute 0-59 and hour 0-23";

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,2}");
    private static final Pattern STEP = Pattern.compile("\\*/([0-9]{1,2})");
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,2})-([0-9]{1,2})");

    public SyncSchedule {
        check("minute", minute, 59);
        check("hour", hour, 23);
    }

    /** Parses "minute hour"; the message of the exception says what is wrong. */
    public static SyncSchedule parse(String text) {
        String[] fields = text.strip().split("\\s+");
        if (fields.length != 2) {
            throw new IllegalArgumentException("expected 2 fields (minute and hour) separated by a space, found "
                    + fields.length);
        }
        return new SyncSchedule(fields[0], fields[1]);
    }

    /**
     * The longest time, in seconds, between two firings of this schedule over a day and into the
     * next: what "on schedule" allows between two runs, for the lag alert.
     */
    public long longestGapSeconds() {
        int previous = -1;
        int first = -1;
        long longest = 0;
        for (int minuteOfDay = 0; minuteOfDay < 24 * 60; minuteOfDay++) {
            if (fires(hour, minuteOfDay / 60) && fires(minute, minuteOfDay % 60)) {
                if (previous >= 0) {
                    longest = Math.max(longest, minuteOfDay - previous);
                } else {
                    first = minuteOfDay;
                }
                previous = minuteOfDay;
            }
        }
        longest = Math.max(longest, 24 * 60 - previous + first);
        return longest * 60;
    }

    private static boolean fires(String field, int value) {
        if (field.equals("*")) {
            return true;
        }
        Matcher step = STEP.matcher(field);
        if (step.matches()) {
            return value % Integer.parseInt(step.group(1)) == 0;
        }
        for (String item : field.split(",")) {
            Matcher range = RANGE.matcher(item);
            if (range.matches() ? Integer.parseInt(range.group(1)) <= value && value <= Integer.parseInt(range.group(2))
                    : Integer.parseInt(item) == value) {
                return true;
            }
        }
        return false;
    }

    /** As stored in {@code config_plugins}. */
    @Override
    public String toString() {
        return minute + " " + hour;
    }

    private static void check(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("the " + field + " is missing");
        }
        if (value.equals("*")) {
            return;
        }
        Matcher step = STEP.matcher(value);
        if (step.matches()) {
            int n = Integer.parseInt(step.group(1));
            if (n < 1 || n > max) {
                throw new IllegalArgumentException("the " + field + " step in " + UntrustedText.quote(value) + " must be from 1 to " + max);
            }
            return;
        }
        for (String item : value.split(",", -1)) {
            checkListItem(field, value, item, max);
        }
    }

    private static void checkListItem(String field, String value, String item, int max) {
        if (item.isEmpty()) {
            throw new IllegalArgumentException("the " + field + " list " + UntrustedText.quote(value) + " has an empty item");
        }
        if (NUMBER.matcher(item).matches()) {
            inRange(field, item, max);
            return;
        }
        Matcher range = RANGE.matcher(item);
        if (!range.matches()) {
            throw new IllegalArgumentException("the " + field + " " + UntrustedText.quote(value)
                    + " is not *, */n, a number, a list or a range");
        }
        int from = inRange(field, range.group(1), max);
        int to = inRange(field, range.group(2), max);
        if (from > to) {
            throw new IllegalArgumentException("the " + field + " range " + UntrustedText.quote(item) + " runs backwards; write it as"
                    + " two ranges, e.g. " + from + "-" + max + ",0-" + to);
        }
    }

    private static int inRange(String field, String number, int max) {
        int value = Integer.parseInt(number);
        if (value > max) {
            throw new IllegalArgumentException("the " + field + " " + value + " is outside 0-" + max);
        }
        return value;
    }
}
