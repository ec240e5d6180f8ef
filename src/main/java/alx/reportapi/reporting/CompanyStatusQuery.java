package alx.reportapi.reporting;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pages of companies with their queue state, searchable by name and sortable, so the status
 * stays fast with thousands of companies.
 */
public final class CompanyStatusQuery {

    private static final int TIMEOUT_SECONDS = 10;
    /** Sort keys callers may use, mapped to SQL; anything else is refused, never concatenated. */
    public static final Map<String, String> SORTS = Map.of(
            "name", "c.name, c.id",
            "id", "c.id",
            "last_success", "COALESCE(s.last_success_at, 0), c.id",
            "retries", "COALESCE(s.retry_count, 0) DESC, c.id",
            "priority", "COALESCE(s.priority, 0), COALESCE(s.last_success_at, 0), c.id");

    private final Database database;

    public CompanyStatusQuery(Database database) {
        this.database = database;
    }

    public List<CompanyStatus> page(String search, String sort, int offset, int limit) throws SQLException {
        String order = SORTS.get(sort);
        if (order == null) {
            throw new IllegalArgumentException("Unknown sort '" + sort + "'; use one of " + SORTS.keySet());
        }
        List<CompanyStatus> result = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     SELECT c.id, c.name, COALESCE(s.priority, 0), COALESCE(s.retry_count, 0),
                            COALESCE(s.next_attempt_at, 0), COALESCE(s.parked, 0), COALESCE(s.last_success_at, 0),
                            COALESCE(s.last_attempt_at, 0), COALESCE(s.pass_mode, ''), COALESCE(s.pass_rows, 0),
                            s.last_error
                       FROM {company} c
                       LEFT JOIN {local_alx_api_company_sync} s ON s.companyid = c.id
                      WHERE (? = '' OR LOWER(c.name) LIKE ? OR LOWER(c.shortname) LIKE ?)"""
                     + " ORDER BY " + order + " LIMIT ? OFFSET ?"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            bindSearch(statement, search);
            statement.setInt(4, limit);
            statement.setInt(5, offset);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    result.add(new CompanyStatus(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getLong(5), rs.getInt(6) != 0, rs.getLong(7), rs.getLong(8), rs.getString(9),
                            rs.getLong(10), rs.getString(11)));
                }
            }
        }
        return result;
    }

    /** How many companies are parked, and how many are failing and waiting for a retry. */
    public long[] parkedAndRetrying() throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     SELECT COALESCE(SUM(CASE WHEN parked <> 0 THEN 1 ELSE 0 END), 0),
                            COALESCE(SUM(CASE WHEN parked = 0 AND retry_count > 0 THEN 1 ELSE 0 END), 0)
                       FROM {local_alx_api_company_sync}"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    public int count(String search) throws SQLException {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(database.sql("""
                     SELECT COUNT(*) FROM {company} c
                      WHERE (? = '' OR LOWER(c.name) LIKE ? OR LOWER(c.shortname) LIKE ?)"""))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            bindSearch(statement, search);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Binds the three search parameters: the needle, and a LIKE pattern with its wildcards escaped. */
    private static void bindSearch(PreparedStatement statement, String search) throws SQLException {
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        String like = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        statement.setString(1, needle);
        statement.setString(2, like);
        statement.setString(3, like);
    }
}
