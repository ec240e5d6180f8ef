package alx.reportapi.db;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL written with Moodle's own notation for table names: {@code {user}} becomes {@code mdl_user}.
 * Only validated prefixes and literal table names reach the text, so nothing user-supplied does.
 */
public final class Sql {

    private static final Pattern TABLE_TOKEN = Pattern.compile("\\{([a-z_]+)}");

    private Sql() {
    }

    public static String expand(TablePrefix prefix, String template) {
        Matcher matcher = TABLE_TOKEN.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(prefix.table(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
