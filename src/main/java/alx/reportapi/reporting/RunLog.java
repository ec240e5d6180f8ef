package alx.reportapi.reporting;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The run log: one row per run attempt, skipped runs included, with node, trigger, counts and
 * duration (README, Behavior 10). Operators read it to answer: what ran, when, and did
 * anything ever run twice at once.
 */
public final class RunLog {

    private static final int TIMEOUT_SECONDS = 10;
    private static final int MAX_MESSAGE_LENGTH = 4000;
    private static final String COLUMNS = "id, execution_id, node, trigger_source, outcome, started_at, ended_at,"
            + " budget_seconds, companies_done, companies_failed, companies_remaining, rows_written, rows_deleted,"
            + " corrections, message";

    private final Database database;

    public RunLog(Database database) {
        this.database = database;
    }

    /** Opens an entry for a run that is starting; returns its id. */
    public long start(long executionId, String node, String trigger, int budgetSeconds) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     INSERT INTO {local_alx_api_sync_runs}
                            (execution_id, node, trigger_source, outcome, started_at, budget_seconds)
                     VALUES (?, ?, ?, 'running', UNIX_TIMESTAMP(), ?)"""), Statement.RETURN_GENERATED_KEYS)) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setLong(1, executionId);
            statement.setString(2, node);
            statement.setString(3, trigger);
            statement.setInt(4, budgetSeconds);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * Adds rows the rolling verification corrected to the run's count, in the transaction that
     * wrote them, so the count is exactly what was committed.
     */
    public static void addCorrections(Session session, long id, int corrections) throws SQLException {
        session.update("UPDATE {local_alx_api_sync_runs} SET corrections = corrections + ? WHERE id = ?",
                corrections, id);
    }

    /**
     * Records a run's end with its counts, unless its end was recorded already (by the watchdog
     * that gave up on it, or by a node that freed its lock): that outcome stays, and only the
     * counts, which are the run's own, are written.
     *
     * @return true if this recorded the run's end
     */
    public boolean end(long id, RunOutcome outcome, String message, int companiesDone, int companiesFailed,
            int companiesRemaining, long rowsWritten, long rowsDeleted) throws SQLException {
        return Session.autoCommit(database, TIMEOUT_SECONDS, session -> {
            // The counts first: a reader who sees the outcome then sees them too.
            session.update("""
                    UPDATE {local_alx_api_sync_runs}
                       SET companies_done = ?, companies_failed = ?, companies_remaining = ?, rows_written = ?,
                           rows_deleted = ?
                     WHERE id = ?""", companiesDone, companiesFailed, companiesRemaining, rowsWritten, rowsDeleted, id);
            return session.update("""
                    UPDATE {local_alx_api_sync_runs}
                       SET outcome = ?, message = ?, ended_at = UNIX_TIMESTAMP()
                     WHERE id = ? AND outcome = 'running'""", outcome.word(), truncate(message), id) == 1;
        });
    }

    /**
     * Marks a still-running entry of an execution as ended with {@code outcome}, for runs that
     * cannot close their own entry (a dead node, a run the watchdog had to give up on).
     */
    public boolean closeIfRunning(String node, long executionId, RunOutcome outcome, String message)
            throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     UPDATE {local_alx_api_sync_runs}
                        SET outcome = ?, ended_at = UNIX_TIMESTAMP(), message = ?
                      WHERE execution_id = ? AND node = ? AND outcome = 'running'"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, outcome.word());
            statement.setString(2, truncate(message));
            statement.setLong(3, executionId);
            statement.setString(4, node);
            return statement.executeUpdate() > 0;
        }
    }

    /**
     * The run of an execution of this node. Batch execution ids are numbered per server, so two
     * nodes may each have an execution 7; the node tells them apart.
     */
    public Optional<RunLogEntry> byExecution(String node, long executionId, long afterEntryId) throws SQLException {
        List<RunLogEntry> entries = query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs}"
                + " WHERE execution_id = ? AND node = ? AND id > ? ORDER BY id DESC LIMIT 1", executionId, node,
                afterEntryId);
        return entries.stream().findFirst();
    }

    /** The newest entry's id, 0 when the log is empty: a watermark for entries yet to come. */
    public long latestEntryId() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "SELECT COALESCE(MAX(id), 0) FROM {local_alx_api_sync_runs}"));
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * At a node's start-up, its runs still marked running belong to a process that is gone (batch
     * execution ids restart with the process, so they are closed by node, not by id).
     */
    public int closeAllRunning(String node, RunOutcome outcome, String message) throws SQLException {
        return closeAllRunningExcept(node, -1, outcome, message);
    }

    /**
     * As {@link #closeAllRunning}, but leaves the run of {@code liveExecutionId} alone: a live
     * process with the same node name holds the lock for it.
     */
    public int closeAllRunningExcept(String node, long liveExecutionId, RunOutcome outcome, String message)
            throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     UPDATE {local_alx_api_sync_runs}
                        SET outcome = ?, ended_at = UNIX_TIMESTAMP(), message = ?
                      WHERE node = ? AND outcome = 'running' AND execution_id <> ?"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setString(1, outcome.word());
            statement.setString(2, truncate(message));
            statement.setString(3, node);
            statement.setLong(4, liveExecutionId);
            return statement.executeUpdate();
        }
    }

    /** The latest run with this execution id, on whichever node; for single-node tests and lookups. */
    public Optional<RunLogEntry> byExecution(long executionId) throws SQLException {
        List<RunLogEntry> entries = query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs}"
                + " WHERE execution_id = ? ORDER BY id DESC LIMIT 1", executionId);
        return entries.stream().findFirst();
    }

    /** Newest first, a page at a time by id: {@code beforeId} 0 for the first page. */
    public List<RunLogEntry> recent(long beforeId, int limit) throws SQLException {
        return query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs} WHERE (? = 0 OR id < ?)"
                + " ORDER BY id DESC LIMIT ?", beforeId, beforeId, limit);
    }

    /**
     * Newest first, a page at a time by id, of the given outcomes only (all when empty): the
     * operations API pages back through the whole log with it.
     */
    public List<RunLogEntry> page(long beforeId, Set<RunOutcome> outcomes, int limit) throws SQLException {
        if (outcomes.isEmpty()) {
            return recent(beforeId, limit);
        }
        List<Object> parameters = new ArrayList<>(List.of(beforeId, beforeId));
        outcomes.stream().map(RunOutcome::word).sorted().forEach(parameters::add);
        parameters.add(limit);
        return query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs} WHERE (? = 0 OR id < ?) AND outcome IN ("
                + String.join(", ", Collections.nCopies(outcomes.size(), "?")) + ") ORDER BY id DESC LIMIT ?",
                parameters.toArray());
    }

    /**
     * The newest {@code limit} runs that started at or after {@code fromUnix} (database clock),
     * oldest first, for the admin page's history chart.
     */
    public List<RunLogEntry> startedSince(long fromUnix, int limit) throws SQLException {
        List<RunLogEntry> newestFirst = query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs}"
                + " WHERE started_at >= ? ORDER BY started_at DESC, id DESC LIMIT ?", fromUnix, limit);
        List<RunLogEntry> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Entries whose runs have not ended. */
    public List<RunLogEntry> running() throws SQLException {
        return query("SELECT " + COLUMNS + " FROM {local_alx_api_sync_runs} WHERE outcome = 'running'"
                + " ORDER BY id LIMIT 100");
    }

    /** Removes entries that ended more than {@code days} ago; returns how many. */
    public int purgeOlderThan(int days) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     DELETE FROM {local_alx_api_sync_runs}
                      WHERE outcome <> 'running' AND ended_at > 0 AND ended_at < UNIX_TIMESTAMP() - ?"""))) {
            statement.setQueryTimeout(60);
            statement.setLong(1, days * 86_400L);
            return statement.executeUpdate();
        }
    }

    /**
     * Moments, in epoch milliseconds of this node's clock, just before the run tried to take the
     * lock and just after it had it: the real take lies between them.
     */
    public void lockTaken(long id, long beforeTake, long afterTake) throws SQLException {
        setMillis("lock_taken_ms", "lock_take_done_ms", id, beforeTake, afterTake);
    }

    /**
     * Moments just before the run began to release the lock and just after it had: with
     * {@link #lockTaken}, an outer interval that contains the real holding (outer intervals that
     * do not overlap prove runs did not hold it at once) and an inner one inside it (inner
     * intervals that overlap prove they did).
     */
    public void lockReleased(long id, long beforeRelease, long afterRelease) throws SQLException {
        setMillis("lock_release_begun_ms", "lock_released_ms", id, beforeRelease, afterRelease);
    }

    private void setMillis(String firstColumn, String secondColumn, long id, long first, long second)
            throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(
                     "UPDATE {local_alx_api_sync_runs} SET " + firstColumn + " = ?, " + secondColumn + " = ?"
                             + " WHERE id = ?"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setLong(1, first);
            statement.setLong(2, second);
            statement.setLong(3, id);
            statement.executeUpdate();
        }
    }

    private List<RunLogEntry> query(String template, Object... parameters) throws SQLException {
        List<RunLogEntry> entries = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    entries.add(new RunLogEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            RunOutcome.ofWord(rs.getString(5)), rs.getLong(6), rs.getLong(7), rs.getInt(8),
                            rs.getInt(9), rs.getInt(10), rs.getInt(11), rs.getLong(12), rs.getLong(13),
                            rs.getLong(14), rs.getString(15)));
                }
            }
        }
        return entries;
    }

    private static String truncate(String message) {
        if (message == null) {
            return null;
        }
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
    }
}
