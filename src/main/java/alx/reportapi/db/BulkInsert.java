package alx.reportapi.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts rows many at a time, as one multi-row {@code INSERT ... VALUES (...), (...)} statement
 * per batch. Works the same on MySQL, MariaDB and H2, whatever the driver's batching flags.
 * <p>
 * An optional tail such as {@code ON DUPLICATE KEY UPDATE ...} turns it into a batched upsert.
 */
public final class BulkInsert implements AutoCloseable {

    /** Up to this many rows go in one statement of their exact size: a few changes, one round trip. */
    static final int SMALL_STATEMENT_ROWS = 16;

    private final Connection connection;
    private final String head;
    private final String tail;
    private final int columns;
    private final int rowsPerStatement;
    private final int timeoutSeconds;
    private final List<Object[]> pending = new ArrayList<>();
    private PreparedStatement fullStatement;
    private long rowsWritten;

    /**
     * @param table            full table name (already prefixed)
     * @param columnList       the columns, comma-separated
     * @param tail             SQL appended after the VALUES list, or empty
     * @param rowsPerStatement rows sent per statement
     * @param timeoutSeconds   bound on each statement
     */
    public BulkInsert(Connection connection, String table, String columnList, String tail, int rowsPerStatement,
            int timeoutSeconds) {
        this.connection = connection;
        this.columns = columnList.split(",").length;
        this.head = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.tail = tail.isEmpty() ? "" : " " + tail;
        this.rowsPerStatement = rowsPerStatement;
        this.timeoutSeconds = timeoutSeconds;
    }

    public static BulkInsert into(Connection connection, String table, String columnList) {
        return new BulkInsert(connection, table, columnList, "", 1000, 300);
    }

    public void row(Object... values) throws SQLException {
        if (values.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + values.length);
        }
        pending.add(values);
        if (pending.size() == rowsPerStatement) {
            flush();
        }
    }

    /**
     * Sends what is pending: a full statement's worth at once, and fewer rows in statements of a
     * few fixed sizes. The driver keeps every statement text it parsed, per connection, and a
     * statement of 391 rows differs from one of 392: with a statement for each size, the parses
     * kept grew with the number of companies.
     */
    public void flush() throws SQLException {
        int sent = 0;
        // Bounded: every turn sends at least one row.
        while (sent < pending.size()) {
            int rows = statementSize(pending.size() - sent, rowsPerStatement);
            send(pending.subList(sent, sent + rows));
            sent += rows;
        }
        pending.clear();
    }

    /**
     * How many of {@code remaining} rows the next statement sends: all of them when they are a full
     * statement or a few, otherwise the largest power of two that fits, so that statements come
     * in at most {@code SMALL_STATEMENT_ROWS} + log2({@code rowsPerStatement}) + 1 sizes.
     */
    static int statementSize(int remaining, int rowsPerStatement) {
        if (remaining >= rowsPerStatement) {
            return rowsPerStatement;
        }
        if (remaining <= SMALL_STATEMENT_ROWS) {
            return remaining;
        }
        return Integer.highestOneBit(remaining);
    }

    private void send(List<Object[]> rows) throws SQLException {
        PreparedStatement statement = rows.size() == rowsPerStatement ? fullStatement() : prepare(rows.size());
        try {
            int index = 1;
            for (Object[] row : rows) {
                for (Object value : row) {
                    bind(statement, index++, value);
                }
            }
            statement.executeUpdate();
            rowsWritten += rows.size();
        } finally {
            if (statement != fullStatement) {
                statement.close();
            }
        }
    }

    /**
     * Typed setters where the type is known: the driver's {@code setObject} looks the type up for
     * every value, and the sync's upserts bind hundreds of thousands of them.
     */
    static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else {
            statement.setObject(index, value);
        }
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    @Override
    public void close() throws SQLException {
        try {
            flush();
        } finally {
            if (fullStatement != null) {
                fullStatement.close();
            }
        }
    }

    private PreparedStatement fullStatement() throws SQLException {
        if (fullStatement == null) {
            fullStatement = prepare(rowsPerStatement);
        }
        return fullStatement;
    }

    private PreparedStatement prepare(int rows) throws SQLException {
        String one = "(" + "?,".repeat(columns - 1) + "?)";
        StringBuilder sql = new StringBuilder(head.length() + rows * (one.length() + 1) + tail.length());
        sql.append(head);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ",").append(one);
        }
        sql.append(tail);
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        statement.setQueryTimeout(timeoutSeconds);
        return statement;
    }
}
