package alx.reportapi.v2;

import alx.reportapi.report.ProgressRow;
import alx.reportapi.report.ReportField;
import jakarta.json.stream.JsonGenerator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reporting row as the report API writes it: the plugin's field names, so Power Query columns
 * keep their names, with dates in ISO 8601 UTC (null when never) beside their Unix twins, and
 * always the row's key ({@code userid}, {@code courseid}), {@code timecreated} and
 * {@code last_updated}.
 */
final class V2Rows {

    /** 9999-12-31T23:59:59Z, the last time {@link #iso} writes with four digits of year. */
    private static final long LAST_SECOND_OF_9999 = 253_402_300_799L;
    /** What {@link #iso} fills in with the time's digits. */
    private static final byte[] ISO_PATTERN = "0000-00-00T00:00:00Z".getBytes(StandardCharsets.US_ASCII);

    private V2Rows() {
    }

    /** The keys a row carries with these fields, in order. */
    static List<String> keys(Set<ReportField> fields) {
        List<String> keys = new ArrayList<>();
        keys.add("userid");
        keys.add("courseid");
        for (ReportField field : ReportField.values()) {
            if (field != ReportField.USERID && fields.contains(field)) {
                keys.add(field.key());
            }
        }
        keys.add("timecreated");
        keys.add("last_updated");
        return keys;
    }

    static void write(JsonGenerator json, String name, ProgressRow row, Set<ReportField> fields) {
        if (name == null) {
            json.writeStartObject();
        } else {
            json.writeStartObject(name);
        }
        json.write("userid", row.userId()).write("courseid", row.courseId());
        for (ReportField field : ReportField.values()) {
            if (field == ReportField.USERID || !fields.contains(field)) {
                continue;
            }
            switch (field) {
                case FIRSTNAME -> json.write("firstname", row.firstname());
                case LASTNAME -> json.write("lastname", row.lastname());
                case EMAIL -> json.write("email", row.email());
                case USERNAME -> json.write("username", row.username());
                case COURSENAME -> json.write("coursename", row.coursename());
                case TIMECOMPLETED -> date(json, "timecompleted", row.timecompleted());
                case TIMECOMPLETED_UNIX -> json.write("timecompleted_unix", row.timecompleted());
                case TIMESTARTED -> date(json, "timestarted", row.timestarted());
                case TIMESTARTED_UNIX -> json.write("timestarted_unix", row.timestarted());
                case PERCENTAGE -> json.write("percentage", row.percentage());
                case STATUS -> json.write("status", row.status());
                default -> throw new IllegalStateException("unhandled field " + field);
            }
        }
        date(json, "timecreated", row.timecreated());
        json.write("last_updated", iso(row.lastUpdated()));
        json.writeEnd();
    }

    /**
     * The time as {@link DateTimeFormatter#ISO_INSTANT} writes it: {@code yyyy-MM-ddTHH:mm:ssZ}
     * for whole seconds. A page writes up to four per row, so the common years are written digit by
     * digit here rather than through the formatter's general machinery.
     */
    static String iso(long unixSeconds) {
        if (unixSeconds < 0 || unixSeconds > LAST_SECOND_OF_9999) {
            return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(unixSeconds));
        }
        LocalDateTime time = LocalDateTime.ofEpochSecond(unixSeconds, 0, ZoneOffset.UTC);
        byte[] text = ISO_PATTERN.clone();
        digits(text, 0, time.getYear(), 4);
        digits(text, 5, time.getMonthValue(), 2);
        digits(text, 8, time.getDayOfMonth(), 2);
        digits(text, 11, time.getHour(), 2);
        digits(text, 14, time.getMinute(), 2);
        digits(text, 17, time.getSecond(), 2);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] text, int at, int value, int width) {
        int rest = value;
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
    }

    private static void date(JsonGenerator json, String name, long unixSeconds) {
        if (unixSeconds == 0) {
            json.writeNull(name);
        } else {
            json.write(name, iso(unixSeconds));
        }
    }
}
