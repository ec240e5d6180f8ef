package alx.reportapi.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses to start on a database that lacks a Moodle/IOMAD table the product reads: better a clear
 * message at deploy than a failing sync every hour.
 */
public final class MoodleSchemaCheck {

    /**
     * Every Moodle/IOMAD table the product reads or, for config_plugins, writes; the web service
     * tables authenticate the compatible report endpoint (README, Behavior 18).
     */
    public static final List<String> REQUIRED_TABLES = List.of("config_plugins", "user", "course", "company",
            "company_users", "company_course", "enrol", "user_enrolments", "context", "role", "role_assignments",
            "course_modules", "course_modules_completion", "course_completions", "external_functions",
            "external_services", "external_services_functions", "external_services_users", "external_tokens");

    private MoodleSchemaCheck() {
    }

    public static void requireMoodleTables(DataSource dataSource, TablePrefix prefix) {
        List<String> missing = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            for (String table : REQUIRED_TABLES) {
                if (!exists(statement, prefix.table(table))) {
                    missing.add(prefix.table(table));
                }
            }
        } catch (SQLException e) {
            throw new StartupRefusedException("Cannot reach the Moodle database: " + e.getMessage()
                    + ". Check ALX_DB_URL, ALX_DB_USER and ALX_DB_PASSWORD (or ALX_DATASOURCE).", e);
        }
        if (!missing.isEmpty()) {
            throw new StartupRefusedException("The Moodle database lacks table(s) " + String.join(", ", missing)
                    + ", which this product reads. Check that ALX_TABLE_PREFIX ('" + prefix.value()
                    + "') matches $CFG->prefix and that ALX_DB_URL names a Moodle database with IOMAD installed."
                    + " Nothing was changed.");
        }
    }

    private static boolean exists(Statement statement, String table) throws SQLException {
        try {
            statement.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                return false;
            }
            throw e;
        }
    }

    /** MySQL/MariaDB 1146 (ER_NO_SUCH_TABLE, SQLSTATE 42S02); H2 42102/42104 (SQLSTATE 42S02 too). */
    private static boolean isMissingTable(SQLException e) {
        return "42S02".equals(e.getSQLState()) || e.getErrorCode() == 1146 || e.getErrorCode() == 42102
                || e.getErrorCode() == 42104;
    }
}
