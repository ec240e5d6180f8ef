package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the reporting table held each time a test looked, for the oracle's tombstone checks: a key
 * (company, user, course) the table once held never disappears, and a row's {@code last_updated}
 * moves when it is soft-deleted and when it is revived, so that an incremental report client
 * paging on it learns of both.
 * <p>
 * One instance follows one table through a test; {@link ReportingOracle#differences(Database,
 * ReportingHistory)} asks it after every run.
 */
public final class ReportingHistory {

    /** How long {@link #check} waits for the database clock to pass the newest stamp it saw. */
    private static final long CLOCK_WAIT_MILLIS = 3_000;

    private record State(boolean deleted, long lastUpdated) {
    }

    /** Every key ever seen, with the state it was last seen in. */
    private final Map<String, State> seen = new HashMap<>();

    /**
     * Compares the table with what it held when last checked, then remembers it as it is now.
     * Returns the differences, empty when there are none.
     * <p>
     * Before it returns, it waits (at most three seconds) until the database clock has passed the
     * newest {@code last_updated} in the table: a run's stamps are whole seconds, so a row deleted in
     * the same second as it was last written could not show that its stamp moved.
     */
    String check(Database database) throws SQLException {
        Map<String, State> now = new HashMap<>();
        long newest = Session.autoCommit(database, 60, session -> {
            session.list("SELECT companyid, userid, courseid, is_deleted, last_updated FROM {local_alx_api_reporting}",
                    rs -> now.put(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3),
                            new State(rs.getInt(4) != 0, rs.getLong(5))));
            return session.number("SELECT COALESCE(MAX(last_updated), 0) FROM {local_alx_api_reporting}");
        });
        List<String> vanished = new ArrayList<>();
        List<String> deletedInPlace = new ArrayList<>();
        List<String> revivedInPlace = new ArrayList<>();
        seen.forEach((key, before) -> {
            State after = now.get(key);
            if (after == null) {
                vanished.add(key);
            } else if (!before.deleted() && after.deleted() && after.lastUpdated() <= before.lastUpdated()) {
                deletedInPlace.add(key + " last_updated " + before.lastUpdated() + " -> " + after.lastUpdated());
            } else if (before.deleted() && !after.deleted() && after.lastUpdated() <= before.lastUpdated()) {
                revivedInPlace.add(key + " last_updated " + before.lastUpdated() + " -> " + after.lastUpdated());
            }
        });
        // A key that vanished stays in the history, so it is reported again until it is back.
        seen.putAll(now);
        waitForClockPast(database, newest);
        StringBuilder report = new StringBuilder();
        append(report, vanished, "keys the table held have disappeared (a soft delete must keep the row)");
        append(report, deletedInPlace, "rows soft-deleted without moving last_updated");
        append(report, revivedInPlace, "rows revived without moving last_updated");
        return report.toString();
    }

    private static void waitForClockPast(Database database, long newest) throws SQLException {
        long deadline = System.nanoTime() + CLOCK_WAIT_MILLIS * 1_000_000;
        while (Session.autoCommit(database, 10, Session::now) <= newest) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the database clock did not pass " + newest + " within "
                        + CLOCK_WAIT_MILLIS + " ms: the table holds stamps from the future");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the database clock", e);
            }
        }
    }

    private static void append(StringBuilder report, List<String> problems, String what) {
        if (problems.isEmpty()) {
            return;
        }
        report.append(report.isEmpty() ? "" : "; ").append(problems.size()).append(' ').append(what).append(", e.g. ")
                .append(new TreeSet<>(problems).stream().limit(5).toList());
    }
}
