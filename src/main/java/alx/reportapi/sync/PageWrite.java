package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.ReportingRowStore;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Writes one derived page in the caller's fenced transaction: the upserts and soft deletes, the
 * company's progress, and, on its last page, the pass's {@link PassCompletion}. Every write is
 * idempotent, so replaying a page is harmless.
 *
 * @param written rows inserted or updated
 * @param deleted live rows soft-deleted
 * @param completedPass true when this page completed the company's pass
 */
record PageWrite(int written, int deleted, boolean completedPass) {

    /** @param now the database clock in this transaction: rows and progress are stamped with it */
    static PageWrite write(Database database, Connection inTransaction, DerivedPage page, long now,
            int timeoutSeconds) throws SQLException {
        long companyId = page.page().companyId();
        ReportingRowStore rows = new ReportingRowStore(database);
        int written = rows.upsert(inTransaction, companyId, page.rows(), now, timeoutSeconds);
        int deleted = rows.softDelete(inTransaction, companyId, page.noLongerQualifying(), now, timeoutSeconds);
        new CompanyQueue(database).recordProgress(inTransaction, companyId, page.page().upTo(), written + deleted, now,
                timeoutSeconds);
        boolean completed = page.page().lastOfCompany()
                && PassCompletion.complete(database, inTransaction, companyId, now, timeoutSeconds);
        return new PageWrite(written, deleted, completed);
    }
}
