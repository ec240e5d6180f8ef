package alx.reportapi.db;

import java.util.regex.Pattern;

/**
 * Moodle's table prefix ({@code $CFG->prefix}), validated once so that it can be pasted into SQL.
 * The pattern: lower-case letters, digits and underscores, at most 10 of them.
 */
public record TablePrefix(String value) {

    public static final String DEFAULT = "mdl_";
    private static final Pattern VALID = Pattern.compile("[a-z0-9_]{0,10}");

    public TablePrefix {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new StartupRefusedException("ALX_TABLE_PREFIX '" + value + "' is not a valid Moodle table prefix:"
                    + " use at most 10 characters from a-z, 0-9 and '_' (the value of $CFG->prefix in config.php,"
                    + " usually 'mdl_').");
        }
    }

    /** The full name of a Moodle or plugin table, e.g. {@code table("user")} is {@code mdl_user}. */
    public String table(String name) {
        return value + name;
    }
}
