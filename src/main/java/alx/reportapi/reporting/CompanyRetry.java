package alx.reportapi.reporting;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;

import java.sql.SQLException;

/**
 * An operator's retry of a company whose sync failed (README, Behavior 9): its retries are
 * forgiven, it is due at once, and it goes to the front of the queue, so the next run syncs it
 * first.
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
        return Session.autoCommit(database, TIMEOUT_SECONDS, session -> {
            if (new CompanyQueue().retryNow(session, companyId)) {
                return Result.RETRIED;
            }
            return session.first("SELECT 1 FROM {company} WHERE id = ?", rs -> true, companyId).isPresent()
                    ? Result.NOT_FAILED : Result.UNKNOWN_COMPANY;
        });
    }
}
