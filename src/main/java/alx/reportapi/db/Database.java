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

    /**
     * The longest statement timeout of the code that connects without naming one: its network waits
     * are bounded by {@link NetworkBound} for statements of this length.
     */
    public static final int DEFAULT_STATEMENT_TIMEOUT_SECONDS = 60;

    /** A pooled connection for statements of up to {@value #DEFAULT_STATEMENT_TIMEOUT_SECONDS} s. */
    public Connection connect() throws SQLException {
        return connect(DEFAULT_STATEMENT_TIMEOUT_SECONDS);
    }

    /**
     * A pooled connection whose every network wait, a commit's included, fails as a lost connection
     * once the database has been silent for the statement timeout plus a margin ({@link NetworkBound}).
     */
    public Connection connect(int statementTimeoutSeconds) throws SQLException {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new NoConnectionException(e);
        }
        try {
            NetworkBound.apply(connection, statementTimeoutSeconds);
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** True for MySQL and MariaDB; false for the embedded H2 of the demo. */
    public static boolean isMysql(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        return meta.getDatabaseProductName().toLowerCase().contains("mysql")
                || meta.getDatabaseProductName().toLowerCase().contains("mariadb");
    }
}
