package alx.reportapi.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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

    /** True for MySQL and MariaDB; false for the embedded H2 of the demo. */
    public static boolean isMysql(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName().toLowerCase().contains("mysql")
                || meta.getDatabaseProductName().toLowerCase().contains("mariadb");
    }
}
