package alx.reportapi.db;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which database the product uses, from the names the README's configuration lists. With neither {@code ALX_DB_URL} nor
 * {@code ALX_DATASOURCE} set, it is the embedded demo database under {@code ALX_DEMO_DIR}.
 *
 * @param url        JDBC URL of the Moodle database, or empty
 * @param user       its user
 * @param password   its password; never logged
 * @param dataSource JNDI name of a server-managed pool, or empty
 * @param prefix     Moodle's table prefix
 * @param demoDir    where the embedded demo database lives
 */
public record DatabaseSettings(Optional<String> url, String user, String password, Optional<String> dataSource,
        TablePrefix prefix, Path demoDir) {

    public static final String URL = "ALX_DB_URL";
    public static final String USER = "ALX_DB_USER";
    public static final String PASSWORD = "ALX_DB_PASSWORD";
    public static final String TABLE_PREFIX = "ALX_TABLE_PREFIX";
    public static final String DATASOURCE = "ALX_DATASOURCE";
    public static final String DEMO_DIR = "ALX_DEMO_DIR";

    /** Reads the settings through {@code lookup}: MicroProfile Config in the server, the environment elsewhere. */
    public static DatabaseSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> nonBlank = key -> lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        Optional<String> url = nonBlank.apply(URL);
        Optional<String> dataSource = nonBlank.apply(DATASOURCE);
        if (url.isPresent() && dataSource.isPresent()) {
            throw new StartupRefusedException("Both ALX_DB_URL and ALX_DATASOURCE are set: set only one of them"
                    + " (ALX_DB_URL for the pool inside the WAR, ALX_DATASOURCE for a server-managed pool).");
        }
        url.ifPresent(DatabaseSettings::requireMysqlUrl);
        String prefix = lookup.apply(TABLE_PREFIX).map(String::trim).orElse(TablePrefix.DEFAULT);
        Path demoDir = nonBlank.apply(DEMO_DIR).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".alx-report-api", "demo"));
        return new DatabaseSettings(url, nonBlank.apply(USER).orElse(""), lookup.apply(PASSWORD).orElse(""),
                dataSource, new TablePrefix(prefix), demoDir);
    }

    /** The settings as the process environment gives them, for command-line tools. */
    public static DatabaseSettings fromEnvironment() {
        return from(key -> Optional.ofNullable(System.getenv(key)));
    }

    public boolean isDemo() {
        return url.isEmpty() && dataSource.isEmpty();
    }

    /** The embedded H2 database of the demo, in the MySQL mode our SQL is written for. */
    public String demoUrl() {
        return "jdbc:h2:file:" + demoDir.resolve("moodle").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,USER;DEFAULT_NULL_ORDERING=HIGH";
    }

    /** Where connections go, for logs: never the password. */
    public String describe() {
        return dataSource.map(name -> "server pool " + name)
                .or(() -> url.map(u -> u.replaceAll("(?i)password=[^&;]*", "password=***")))
                .orElse("embedded demo database in " + demoDir);
    }

    private static void requireMysqlUrl(String url) {
        if (!url.startsWith("jdbc:mysql:")) {
            throw new StartupRefusedException("ALX_DB_URL must be a MySQL/MariaDB JDBC URL such as"
                    + " jdbc:mysql://dbhost:3306/moodle; it starts with '"
                    + url.substring(0, Math.min(url.length(), 12)) + "'.");
        }
    }
}
