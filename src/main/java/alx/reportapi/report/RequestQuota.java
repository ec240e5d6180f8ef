package alx.reportapi.report;

import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * Request counters of the rate limits, one per scope, id and window. A request is counted by one
 * conditional UPDATE before the work is done, so N parallel requests never pass a quota of fewer
 * than N, and a counter that cannot be written refuses the request instead of letting it through.
 */
public final class RequestQuota {

    /** What a counter counts for. */
    public enum Scope {
        COMPANY("company"), TOKEN("token");

        private final String stored;

        Scope(String stored) {
            this.stored = stored;
        }
    }

    private RequestQuota() {
    }

    /**
     * Takes one request from the quota if any is left. The window's counter is made only when the
     * count finds none, so a window's requests after its first are one statement each.
     *
     * @param limit requests allowed in the window; 0 means unlimited (the request is still counted)
     * @return whether the request was admitted; when not, nothing was counted
     */
    public static boolean take(Session session, Scope scope, long id, long windowStart, long limit)
            throws SQLException {
        if (count(session, scope, id, windowStart, limit)) {
            return true;
        }
        ensureRow(session, scope, id, windowStart);
        return count(session, scope, id, windowStart, limit);
    }

    /** Counts one request whatever the quota: refused parameters count, as in the PHP plugin. */
    public static void charge(Session session, Scope scope, long id, long windowStart) throws SQLException {
        take(session, scope, id, windowStart, 0);
    }

    /** Requests counted in the window so far. */
    public static long used(Session session, Scope scope, long id, long windowStart) throws SQLException {
        return session.number("SELECT requests FROM {local_alx_api_rate_counters}"
                + " WHERE scope = ? AND scope_id = ? AND window_start = ?", scope.stored, id, windowStart);
    }

    /** Deletes counters of windows that started before {@code before}; returns how many. */
    public static int purge(Session session, long before) throws SQLException {
        return session.update("DELETE FROM {local_alx_api_rate_counters} WHERE window_start < ?", before);
    }

    private static void ensureRow(Session session, Scope scope, long id, long windowStart) throws SQLException {
        session.update("INSERT IGNORE INTO {local_alx_api_rate_counters} (scope, scope_id, window_start, requests)"
                + " VALUES (?, ?, ?, 0)", scope.stored, id, windowStart);
    }

    /** One request more on the window's counter, if it exists and the limit (0: none) is not reached. */
    private static boolean count(Session session, Scope scope, long id, long windowStart, long limit)
            throws SQLException {
        long bound = Math.max(limit, 0);
        return session.update("UPDATE {local_alx_api_rate_counters} SET requests = requests + 1"
                + " WHERE scope = ? AND scope_id = ? AND window_start = ? AND (? = 0 OR requests < ?)",
                scope.stored, id, windowStart, bound, bound) == 1;
    }
}
