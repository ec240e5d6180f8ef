package alx.reportapi.reporting;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Companies with their user and course counts and the scheduled sync's state for each. */
public final class CompanyOverviewQuery {

    private static final int TIMEOUT_SECONDS = 10;

    private final Database database;

    public CompanyOverviewQuery(Database database) {
        this.database = database;
    }

    /** The first {@code limit} companies by name. */
    public List<CompanyOverview> companies(int limit) throws SQLException {
        try (Connection connection = database.connect()) {
            Map<Long, Status> statuses = cronStatuses(connection);
            List<CompanyOverview> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                    SELECT c.id, c.name, c.shortname, c.suspended,
                           (SELECT COUNT(*) FROM {company_users} cu JOIN {user} u ON u.id = cu.userid
                             WHERE cu.companyid = c.id AND u.deleted = 0) AS users,
                           (SELECT COUNT(*) FROM {company_course} cc WHERE cc.companyid = c.id) AS courses
                      FROM {company} c
                     ORDER BY c.name, c.id
                     LIMIT ?"""))) {
                statement.setQueryTimeout(TIMEOUT_SECONDS);
                statement.setInt(1, limit);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong("id");
                        Status status = statuses.get(id);
                        result.add(new CompanyOverview(id, rs.getString("name"), rs.getString("shortname"),
                                rs.getInt("suspended") != 0, rs.getLong("users"), rs.getLong("courses"),
                                Optional.ofNullable(status).map(Status::timestamp),
                                Optional.ofNullable(status).map(Status::status),
                                status == null ? 0 : status.records()));
                    }
                }
            }
            return result;
        }
    }

    private Map<Long, Status> cronStatuses(Connection connection) throws SQLException {
        Map<Long, Status> statuses = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(database.sql(
                "SELECT companyid, token_hash, last_sync_timestamp, last_sync_status, last_sync_records"
                        + " FROM {local_alx_api_sync_status}"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long companyId = rs.getLong(1);
                    if (CronTaskToken.hash(companyId).equals(rs.getString(2))) {
                        statuses.put(companyId, new Status(rs.getLong(3), rs.getString(4), rs.getLong(5)));
                    }
                }
            }
        }
        return statuses;
    }

    private record Status(long timestamp, String status, long records) {
    }
}
