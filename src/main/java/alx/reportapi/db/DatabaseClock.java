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

    private static final int DEFAULT_TIMEOUT_SECONDS = 10;

    private DatabaseClock() {
    }

    /** Unix time, in seconds, on the database server. */
    public static long now(Connection connection) throws SQLException {
        return now(connection, DEFAULT_TIMEOUT_SECONDS);
    }

    static long now(Connection connection, int timeoutSeconds) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery("SELECT UNIX_TIMESTAMP()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
