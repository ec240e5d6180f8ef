package alx.reportapi.v2;

import alx.reportapi.report.ProgressRow;
import alx.reportapi.report.ReportField;
import jakarta.json.stream.JsonGenerator;

import java.time.Instant;
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

    static String iso(long unixSeconds) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(unixSeconds));
    }

    private static void date(JsonGenerator json, String name, long unixSeconds) {
        if (unixSeconds == 0) {
            json.writeNull(name);
        } else {
            json.write(name, iso(unixSeconds));
        }
    }
}
