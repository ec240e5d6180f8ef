package alx.reportapi.report;

import java.util.List;

/** The report API's request log (README, Behavior 24): written for every request, purged by age. */
public final class RequestLog {

    private final ReportPersistence persistence;

    public RequestLog(ReportPersistence persistence) {
        this.persistence = persistence;
    }

    /** Writes the entries in one transaction, in their order. */
    public void record(List<RequestLogEntry> entries) {
        persistence.inTransaction(manager -> {
            // Flushed one by one: at commit the persistence unit would insert new entries in an order of its own.
            for (RequestLogEntry entry : entries) {
                manager.persist(entry);
                manager.flush();
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
