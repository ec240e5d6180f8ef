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
        PageWrite rows = writeRows(database, inTransaction, page, now, timeoutSeconds);
        new CompanyQueue(database).recordProgress(inTransaction, companyId, page.page().upTo(),
                rows.written() + rows.deleted(), now, timeoutSeconds);
        boolean completed = page.page().lastOfCompany()
                && PassCompletion.complete(database, inTransaction, companyId, now, timeoutSeconds);
        return new PageWrite(rows.written(), rows.deleted(), completed);
    }

    /**
     * Writes the only page of a pass that started in this transaction, and completes the pass: no
     * progress is recorded, since the completion resets it in the same transaction.
     */
    static PageWrite writeWholePass(Database database, Connection inTransaction, DerivedPage onlyPage,
            StartedPass pass, long now, int timeoutSeconds) throws SQLException {
        if (!onlyPage.page().lastOfCompany() || onlyPage.page().companyId() != pass.companyId()) {
            throw new IllegalArgumentException("not the only page of company " + pass.companyId() + "'s pass");
        }
        PageWrite rows = writeRows(database, inTransaction, onlyPage, now, timeoutSeconds);
        PassCompletion.completeStartedHere(database, inTransaction, pass, rows.written() + rows.deleted(),
                !onlyPage.page().pairs().isEmpty(), now, timeoutSeconds);
        return new PageWrite(rows.written(), rows.deleted(), true);
    }

    private static PageWrite writeRows(Database database, Connection inTransaction, DerivedPage page, long now,
            int timeoutSeconds) throws SQLException {
        long companyId = page.page().companyId();
        ReportingRowStore rows = new ReportingRowStore(database);
        int written = rows.upsert(inTransaction, companyId, page.rows(), now, timeoutSeconds);
        int deleted = rows.softDelete(inTransaction, companyId, page.noLongerQualifying(), now, timeoutSeconds);
        return new PageWrite(written, deleted, false);
    }
}
