package alx.reportapi.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's clock. Every time that several nodes compare (cursors, queue times, locks) is
 * read here, so that nodes with drifting clocks still agree.
 */
public final class DatabaseClock {

    private DatabaseClock() {
    }

    /** Unix time, in seconds, on the database server. */
    public static long now(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(10);
            try (ResultSet rs = statement.executeQuery("SELECT UNIX_TIMESTAMP()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
