package alx.reportapi.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection as the code uses it: every statement written as a template with Moodle's
 * {@code {table}} names, bound by the session's statement timeout, and one reading of the
 * database clock shared by everything the session stamps. Inside a {@link Transaction} the
 * statements are that transaction's.
 * <p>
 * Not thread-safe, like the connection it wraps.
 */
public final class Session {

    /** Reads one row of a result; called with the result set on that row. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Work with a session, returning a result. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Session session) throws SQLException;
    }

    private final Database database;
    private final Connection connection;
    private final int timeoutSeconds;
    private long now = -1;

    Session(Database database, Connection connection, int timeoutSeconds) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("a statement timeout must be at least 1 s, was " + timeoutSeconds);
        }
        this.database = database;
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A session on a connection the caller manages (its transaction, its closing). */
    public static Session of(Database database, Connection connection, int timeoutSeconds) {
        return new Session(database, connection, timeoutSeconds);
    }

    /** Runs {@code work} on a pooled connection in auto-commit mode: each statement commits by itself. */
    public static <T> T autoCommit(Database database, int timeoutSeconds, Work<T> work) throws SQLException {
        try (Connection connection = database.connect(timeoutSeconds)) {
            return work.run(new Session(database, connection, timeoutSeconds));
        }
    }

    public Database database() {
        return database;
    }

    /** The connection, for code that must hand it on (a bulk insert, the lock's fence). */
    public Connection connection() {
        return connection;
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Unix time on the database server, read at the first call and the same for the rest of the
     * session: what one transaction writes carries one time, and nodes with drifting clocks agree.
     */
    public long now() throws SQLException {
        if (now < 0) {
            now = DatabaseClock.now(connection, timeoutSeconds);
        }
        return now;
    }

    /** Runs one data-changing statement; returns the rows it changed. */
    public int update(String template, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(template, parameters)) {
            return statement.executeUpdate();
        }
    }

    /** Every row of a query, read by {@code row}. */
    public <T> List<T> list(String template, Row<T> row, Object... parameters) throws SQLException {
        List<T> rows = new ArrayList<>();
        each(template, row, rows::add, parameters);
        return rows;
    }

    /** Hands every row of a query, read by {@code row}, to {@code sink} as it is read, without keeping it. */
    public <T> void each(String template, Row<T> row, Consumer<T> sink, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(template, parameters);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                sink.accept(row.read(rs));
            }
        }
    }

    /** The first row of a query, if there is one. */
    public <T> Optional<T> first(String template, Row<T> row, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(template, parameters);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
        }
    }

    /** The first column of the first row as a number; 0 when there is no row or it is NULL. */
    public long number(String template, Object... parameters) throws SQLException {
        return first(template, rs -> rs.getLong(1), parameters).orElse(0L);
    }

    /**
     * A bulk insert into a table of this database, bound by the session's timeout.
     *
     * @param table the table's name without prefix
     */
    public BulkInsert bulkInsert(String table, String columns, String tail, int rowsPerStatement) {
        return new BulkInsert(connection, database.prefix().table(table), columns, tail, rowsPerStatement,
                timeoutSeconds);
    }

    /**
     * A prepared statement from a template, bound by the session's timeout, with
     * {@code parameters} set in order; the caller closes it. For statements run many times.
     */
    public PreparedStatement prepare(String template, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(database.sql(template));
        try {
            statement.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < parameters.length; i++) {
                BulkInsert.bind(statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
