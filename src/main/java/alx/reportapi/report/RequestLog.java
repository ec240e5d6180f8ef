package alx.reportapi.report;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Database;
import alx.reportapi.db.Transaction;

import java.sql.SQLException;
import java.util.List;

/**
 * The report API's request log (README, Behavior 24): written for every request, purged by age.
 * Entries are written by JDBC, many to a statement, in their order; read and purged through the
 * persistence unit. Persisted one by one, each entry would cost an insert and a read of its
 * generated id, and every request writes one.
 */
public final class RequestLog {

    private static final String COLUMNS = "request_id, token_id, companyid, endpoint, http_status, errorcode,"
            + " rows_returned, duration_ms, client_ip, timecreated";
    private static final int ROWS_PER_STATEMENT = 200;
    private static final int TIMEOUT_SECONDS = 30;

    private final Database database;
    private final ReportPersistence persistence;

    public RequestLog(Database database, ReportPersistence persistence) {
        this.database = database;
        this.persistence = persistence;
    }

    /** Writes the entries in one transaction, in their order. */
    public void record(List<RequestLogEntry> entries) throws SQLException {
        Transaction.run(database, TIMEOUT_SECONDS, session -> {
            try (BulkInsert insert = session.bulkInsert("local_alx_api_request_log", COLUMNS, "",
                    ROWS_PER_STATEMENT)) {
                for (RequestLogEntry entry : entries) {
                    insert.row(entry.requestId(), entry.tokenId(), entry.companyId(), entry.endpoint(),
                            entry.httpStatus(), entry.errorCode(), entry.rowsReturned(), entry.durationMs(),
                            entry.clientIp(), entry.timecreated());
                }
            }
            return null;
        });
    }

    /** Deletes entries written before {@code before}; returns how many. */
    public int purge(long before) {
        return persistence.inTransaction(manager -> manager.createQuery(
                "DELETE FROM RequestLogEntry e WHERE e.timecreated < :before").setParameter("before", before)
                .executeUpdate());
    }

    /** The newest entries of a company, newest first. */
    public List<RequestLogEntry> recent(long companyId, int limit) {
        return persistence.inTransaction(manager -> manager.createQuery(
                "SELECT e FROM RequestLogEntry e WHERE e.companyId = :company ORDER BY e.id DESC", RequestLogEntry.class)
                .setParameter("company", companyId).setMaxResults(limit).getResultList());
    }
}
