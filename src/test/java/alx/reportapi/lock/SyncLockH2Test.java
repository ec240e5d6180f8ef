package alx.reportapi.lock;

import alx.reportapi.db.Database;
import alx.reportapi.db.TablePrefix;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The lock contract on H2 in MySQL mode, the demo's database, with a prefix other than
 * {@code mdl_} so a hard-coded table name would fail here.
 */
class SyncLockH2Test extends SyncLockContract {

    private JdbcDataSource dataSource;

    @Override
    protected Database openDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:lock_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,USER;DB_CLOSE_DELAY=-1");
        return new Database(dataSource, new TablePrefix("h2t_"));
    }

    @Override
    protected void closeDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            statement.execute("SHUTDOWN");
        }
    }
}
