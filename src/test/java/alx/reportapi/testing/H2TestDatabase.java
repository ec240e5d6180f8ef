package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.TablePrefix;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh in-memory H2 database in MySQL mode, as the demo runs, with a prefix other than
 * {@code mdl_} so that a hard-coded table name fails in the contract tests that use it.
 */
public final class H2TestDatabase implements AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Database database;

    public H2TestDatabase(String purpose) {
        dataSource.setURL("jdbc:h2:mem:" + purpose + "_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE,USER;DB_CLOSE_DELAY=-1");
        database = new Database(dataSource, new TablePrefix("h2t_"));
    }

    public Database database() {
        return database;
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            statement.execute("SHUTDOWN");
        }
    }
}
