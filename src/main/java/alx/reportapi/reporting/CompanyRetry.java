package alx.reportapi.reporting;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * An operator's retry of a company whose sync failed (SPEC 3.6, 5): its retries are forgiven, it
 * is due at once, and it goes to the front of the queue, so the next run syncs it first.
 */
public final class CompanyRetry {

    private static final int TIMEOUT_SECONDS = 10;

    /** What a retry request came to. */
    public enum Result {
        /** The company was failed or parked and is now due first. */
        RETRIED,
        /** No company has that id. */
        UNKNOWN_COMPANY,
        /** The company is not failing; there is nothing to retry. */
        NOT_FAILED
    }

    private final Database database;

    public CompanyRetry(Database database) {
        this.database = database;
    }

    public Result retry(long companyId) throws SQLException {
        try (Connection connection = database.connect()) {
            if (new CompanyQueue(database).retryNow(connection, companyId, DatabaseClock.now(connection), TIMEOUT_SECONDS)) {
                return Result.RETRIED;
            }
            return companyExists(connection, companyId) ? Result.NOT_FAILED : Result.UNKNOWN_COMPANY;
        }
    }

    private boolean companyExists(Connection connection, long companyId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql(
                "SELECT 1 FROM {company} WHERE id = ?"))) {
            statement.setQueryTimeout(TIMEOUT_SECONDS);
            statement.setLong(1, companyId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }
}
