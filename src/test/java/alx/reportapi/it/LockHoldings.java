package alx.reportapi.it;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every run's holding of the lock as the run log bounds it: an outer interval (read before the
 * take, after the release) that contains the real holding, and an inner one (after the take,
 * before the release) inside it. Two runs held the lock at once for certain only if their inner
 * intervals overlap; a take right after another's release may make the outer ones overlap by a few
 * milliseconds without either run having held the lock while the other did.
 */
public record LockHoldings(List<Holding> holdings) {

    /** One run's bounds, in epoch milliseconds. */
    public record Holding(long executionId, String node, long beforeTake, long afterTake, long beforeRelease,
            long afterRelease) {

        boolean certainlyOverlaps(Holding other) {
            return afterTake < other.beforeRelease && other.afterTake < beforeRelease;
        }

        boolean outerOverlaps(Holding other) {
            return beforeTake < other.afterRelease && other.beforeTake < afterRelease;
        }
    }

    /** The holdings of every run that took the lock, from the run log of the given connection's database. */
    public static LockHoldings read(Connection connection, String prefix) throws SQLException {
        List<Holding> holdings = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            try (ResultSet rs = statement.executeQuery("SELECT execution_id, node, lock_taken_ms, lock_take_done_ms,"
                    + " lock_release_begun_ms, lock_released_ms FROM " + prefix + "local_alx_api_sync_runs"
                    + " WHERE lock_taken_ms > 0 ORDER BY lock_taken_ms")) {
                while (rs.next()) {
                    holdings.add(new Holding(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return new LockHoldings(List.copyOf(holdings));
    }

    /** The first pair of runs that certainly held the lock at once, if any. */
    public Optional<String> firstCertainOverlap() {
        for (int i = 0; i < holdings.size(); i++) {
            for (int j = i + 1; j < holdings.size(); j++) {
                if (holdings.get(i).certainlyOverlaps(holdings.get(j))) {
                    return Optional.of(holdings.get(i) + " and " + holdings.get(j) + " held the lock at once");
                }
            }
        }
        return Optional.empty();
    }

    /** Pairs whose outer intervals overlap: runs that may have touched, none of them certainly at once. */
    public int outerOverlaps() {
        int overlaps = 0;
        for (int i = 0; i < holdings.size(); i++) {
            for (int j = i + 1; j < holdings.size(); j++) {
                if (holdings.get(i).outerOverlaps(holdings.get(j))) {
                    overlaps++;
                }
            }
        }
        return overlaps;
    }
}
