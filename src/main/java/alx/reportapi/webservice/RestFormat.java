package alx.reportapi.webservice;

import alx.reportapi.report.ProgressRow;
import alx.reportapi.report.ReportField;
import alx.reportapi.report.ReportZone;

import java.util.List;
import java.util.Set;

/**
 * The two formats of Moodle's REST server, byte for byte: {@code json} (PHP's {@code json_encode}
 * of the cleaned return value) and {@code xml}, the default, Moodle's own
 * {@code RESPONSE/MULTIPLE/SINGLE/KEY/VALUE} markup.
 */
enum RestFormat {
    JSON("application/json"),
    XML("application/xml; charset=utf-8");

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

    private final String contentType;

    RestFormat(String contentType) {
        this.contentType = contentType;
    }

    /** Moodle reads {@code moodlewsrestformat}: "json" is JSON, anything else XML. */
    static RestFormat of(String requested) {
        return "json".equals(requested) ? JSON : XML;
    }

    String contentType() {
        return contentType;
    }

    /** A page of rows with only the company's fields, in the plugin's key order. */
    String rows(List<ProgressRow> rows, Set<ReportField> fields, ReportZone zone) {
        StringBuilder out = new StringBuilder(64 + rows.size() * 320);
        if (this == JSON) {
            out.append('[');
            for (int i = 0; i < rows.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                jsonRow(out, rows.get(i), fields, zone);
            }
            return out.append(']').toString();
        }
        out.append(XML_DECLARATION).append("<RESPONSE>\n<MULTIPLE>\n");
        for (ProgressRow row : rows) {
            out.append("<SINGLE>\n");
            // Moodle's XML writer visits every declared key; a key the company switched off is null.
            for (ReportField field : ReportField.values()) {
                out.append("<KEY name=\"").append(field.key()).append("\">");
                if (fields.contains(field)) {
                    out.append("<VALUE>");
                    escapeXml(out, text(row, field, zone));
                    out.append("</VALUE>\n");
                } else {
                    out.append("<VALUE null=\"null\"/>\n");
                }
                out.append("</KEY>\n");
            }
            out.append("</SINGLE>\n");
        }
        return out.append("</MULTIPLE>\n</RESPONSE>\n").toString();
    }

    String error(MoodleException error) {
        StringBuilder out = new StringBuilder(256);
        if (this == JSON) {
            out.append("{\"exception\":");
            PhpJson.string(out, error.exceptionClass());
            out.append(",\"errorcode\":");
            PhpJson.string(out, error.errorCode());
            out.append(",\"message\":");
            PhpJson.string(out, error.getMessage());
            return out.append('}').toString();
        }
        out.append(XML_DECLARATION).append("<EXCEPTION class=\"").append(error.exceptionClass()).append("\">\n");
        out.append("<ERRORCODE>");
        escapeXml(out, error.errorCode());
        out.append("</ERRORCODE>\n<MESSAGE>");
        escapeXml(out, error.getMessage());
        return out.append("</MESSAGE>\n</EXCEPTION>\n").toString();
    }

    /**
     * One row as PHP would encode the plugin's array: an empty array {@code []} when every field is
     * off, since PHP encodes an empty array as a list.
     */
    private static void jsonRow(StringBuilder out, ProgressRow row, Set<ReportField> fields, ReportZone zone) {
        if (fields.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('{');
        boolean first = true;
        for (ReportField field : ReportField.values()) {
            if (!fields.contains(field)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append('"').append(field.key()).append("\":");
            switch (field) {
                case USERID -> out.append(row.userId());
                case TIMECOMPLETED_UNIX -> out.append(row.timecompleted());
                case TIMESTARTED_UNIX -> out.append(row.timestarted());
                case PERCENTAGE -> out.append(row.percentageText());
                default -> PhpJson.string(out, text(row, field, zone));
            }
        }
        out.append('}');
    }

    private static String text(ProgressRow row, ReportField field, ReportZone zone) {
        return switch (field) {
            case USERID -> Long.toString(row.userId());
            case FIRSTNAME -> row.firstname();
            case LASTNAME -> row.lastname();
            case EMAIL -> row.email();
            case USERNAME -> row.username();
            case COURSENAME -> row.coursename();
            case TIMECOMPLETED -> zone.phpDateTime(row.timecompleted());
            case TIMECOMPLETED_UNIX -> Long.toString(row.timecompleted());
            case TIMESTARTED -> zone.phpDateTime(row.timestarted());
            case TIMESTARTED_UNIX -> Long.toString(row.timestarted());
            case PERCENTAGE -> row.percentageText();
            case STATUS -> row.status();
        };
    }

    /** PHP's {@code htmlspecialchars} with {@code ENT_COMPAT}: single quotes stay as they are. */
    private static void escapeXml(StringBuilder out, String text) {
        String value = text == null ? "" : text;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
    }
}
