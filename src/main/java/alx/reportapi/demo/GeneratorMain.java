package alx.reportapi.demo;

import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.db.TablePrefix;
import com.mysql.cj.jdbc.MysqlDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Loads a generated site into a fresh MySQL/MariaDB database, for the benchmarks and by hand:
 * <pre>
 * java -cp ... alx.reportapi.demo.GeneratorMain --url jdbc:mysql://127.0.0.1:3306/alx_bench --scale 1 [--seed 42]
 * </pre>
 * The user comes from {@code --user} (default root), the password from {@code ALX_DB_PASSWORD}, never
 * from the command line. The database is created if missing and must not hold a site already.
 */
public final class GeneratorMain {

    private GeneratorMain() {
    }

    public static void main(String[] args) throws SQLException {
        Map<String, String> options = parse(args);
        String url = require(options, "url");
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        TablePrefix prefix = new TablePrefix(options.getOrDefault("prefix", TablePrefix.DEFAULT));

        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setURL(url);
        dataSource.setUser(options.getOrDefault("user", "root"));
        dataSource.setPassword(System.getenv().getOrDefault("ALX_DB_PASSWORD", ""));
        dataSource.setCreateDatabaseIfNotExist(true);

        new SchemaMigrator(dataSource, prefix).createMoodleSubset();
        try (Connection connection = dataSource.getConnection()) {
            GeneratedSite site = new MoodleDataGenerator(seed, scale).load(connection, prefix);
            System.out.printf(Locale.ROOT, "generated scale %s: %d companies, %d users, %d courses, %d enrolments,"
                    + " %d module completions, %d rows in %.1f s%n", options.getOrDefault("scale", "1"),
                    site.companies(), site.users(), site.courses(), site.enrolments(), site.moduleCompletions(),
                    site.rows(), site.seconds());
            System.out.printf(Locale.ROOT, "BENCH generator_load_seconds_scale_%s %.2f%n",
                    options.getOrDefault("scale", "1"), site.seconds());
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
