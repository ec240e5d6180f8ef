package alx.reportapi.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fields of a progress row as the PHP plugin's web service names and orders them; each can be
 * switched off per company with the setting {@code field_<key>} (README, Behavior 19).
 */
public enum ReportField {
    USERID("userid"),
    FIRSTNAME("firstname"),
    LASTNAME("lastname"),
    EMAIL("email"),
    USERNAME("username"),
    COURSENAME("coursename"),
    TIMECOMPLETED("timecompleted"),
    TIMECOMPLETED_UNIX("timecompleted_unix"),
    TIMESTARTED("timestarted"),
    TIMESTARTED_UNIX("timestarted_unix"),
    PERCENTAGE("percentage"),
    STATUS("status");

    private final String key;

    ReportField(String key) {
        this.key = key;
    }

    /** The key in a response, e.g. {@code timecompleted_unix}. */
    public String key() {
        return key;
    }

    /** The per-company toggle, e.g. {@code field_email}. */
    public String settingName() {
        return "field_" + key;
    }

    public static Optional<ReportField> byKey(String key) {
        return Arrays.stream(values()).filter(field -> field.key.equals(key)).findFirst();
    }
}
