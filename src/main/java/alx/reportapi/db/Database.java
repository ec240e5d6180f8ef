package alx.reportapi.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A data source with the prefix that names its tables. The one handle that code outside this
 * package needs to reach Moodle's tables and the plugin's.
 */
public record Database(DataSource dataSource, TablePrefix prefix) {

    /** SQL with {@code {table}} tokens expanded for this database's prefix. */
    public String sql(String template) {
        return Sql.expand(prefix, template);
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs one data-changing statement written as a template, bounded by {@code timeoutSeconds},
     * on the caller's connection (and so in the caller's transaction); returns the rows it changed.
     */
    public int update(Connection connection, int timeoutSeconds, String template, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(template))) {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** True for MySQL and MariaDB; false for the embedded H2 of the demo. */
    public static boolean isMysql(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName().toLowerCase().contains("mysql")
                || meta.getDatabaseProductName().toLowerCase().contains("mariadb");
    }
}
