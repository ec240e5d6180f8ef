package alx.reportapi.reporting;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The companies' cursors as operators read them: how far each company's rows are behind Moodle
 * is the database clock's now less its cursor (README, Behavior 7). The cursor is the scheduled
 * sync's row of {@code local_alx_api_sync_status}, told from the rows of the company's API tokens
 * by its token hash, which is compared here rather than computed in SQL so that every database
 * the product runs on answers alike.
 */
public final class CompanyCursors {

    private static final int TIMEOUT_SECONDS = 10;
    /** Bounds the read of every cursor for the metrics: rows of all companies and their tokens. */
    private static final int MAX_ROWS = 1_000_000;

    private final Database database;

    public CompanyCursors(Database database) {
        this.database = database;
    }

    /** Company id to cursor (Unix seconds), for those of {@code companyIds} that were ever synced. */
    public Map<Long, Long> of(Collection<Long> companyIds) throws SQLException {
        if (companyIds.isEmpty()) {
            return Map.of();
        }
        return read("SELECT companyid, token_hash, last_sync_timestamp FROM {local_alx_api_sync_status}"
                + " WHERE last_sync_timestamp > 0 AND companyid IN ("
                + String.join(", ", Collections.nCopies(companyIds.size(), "?")) + ")", List.copyOf(companyIds));
    }

    /** Every synced company's cursor. */
    public Map<Long, Long> all() throws SQLException {
        return read("SELECT companyid, token_hash, last_sync_timestamp FROM {local_alx_api_sync_status}"
                + " WHERE last_sync_timestamp > 0 LIMIT " + MAX_ROWS, List.of());
    }

    /**
     * The {@code limit} synced companies whose cursors are oldest, most lagging first, with their
     * names: what the admin page's lag chart shows.
     */
    public List<CompanyLag> mostLagging(long databaseNow, int limit) throws SQLException {
        List<Map.Entry<Long, Long>> oldest = all().entrySet().stream().sorted(Map.Entry.<Long, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).limit(limit).toList();
        Map<Long, String> names = names(oldest.stream().map(Map.Entry::getKey).toList());
        return oldest.stream().map(cursor -> new CompanyLag(cursor.getKey(), names.getOrDefault(cursor.getKey(), ""),
                cursor.getValue(), Math.max(0, databaseNow - cursor.getValue()))).toList();
    }

    /** A company's cursor and how far behind the database clock it is, in seconds. */
    public record CompanyLag(long companyId, String name, long cursorAt, long lagSeconds) {
    }

    private Map<Long, String> names(List<Long> companyIds) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        if (companyIds.isEmpty()) {
            return names;
        }
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("SELECT id, name FROM {company}"
                     + " WHERE id IN (" + String.join(", ", Collections.nCopies(companyIds.size(), "?")) + ")"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            for (int i = 0; i < companyIds.size(); i++) {
                statement.setLong(i + 1, companyIds.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private Map<Long, Long> read(String template, List<Long> parameters) throws SQLException {
        Map<Long, Long> cursors = new HashMap<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setLong(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long companyId = rs.getLong(1);
                    if (CronTaskToken.hash(companyId).equals(rs.getString(2))) {
                        cursors.put(companyId, rs.getLong(3));
                    }
                }
            }
        }
        return cursors;
    }
}
