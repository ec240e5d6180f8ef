package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.reporting.CompanyCursors;
import alx.reportapi.reporting.CompanyStatus;
import alx.reportapi.reporting.CompanyStatusQuery;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.schedule.SyncControl;
import alx.reportapi.sync.RunningSyncs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The lock, the current runs and the companies' queue state. */
@Path("sync")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    @Inject
    SyncControl control;

    @Inject
    Database database;

    @Inject
    RunningSyncs runningSyncs;

    @GET
    @Path("status")
    public Map<String, Object> status(@QueryParam("search") String search, @QueryParam("sort") String sort,
            @QueryParam("offset") String offset, @QueryParam("limit") String limit) throws SQLException {
        String order = sort == null || sort.isBlank() ? "priority" : sort;
        if (!CompanyStatusQuery.SORTS.containsKey(order)) {
            throw ApiError.badRequest("'" + Parameters.shorten(order) + "' is not a sort: use one of "
                    + CompanyStatusQuery.SORTS.keySet() + ".");
        }
        if (search != null && search.length() > 100) {
            throw ApiError.badRequest("The search text is longer than 100 characters.");
        }
        CompanyStatusQuery companies = new CompanyStatusQuery(database);
        List<CompanyStatus> page = companies.page(search, order,
                Parameters.bounded(offset, "offset", 0, 10_000_000, 0), Parameters.bounded(limit, "limit", 1, 500, 50));
        Map<Long, Long> cursors = new CompanyCursors(database).of(page.stream().map(CompanyStatus::companyId).toList());
        long now = databaseNow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("databaseNow", now);
        body.put("lock", LockView.of(control.lockState()));
        body.put("running", new RunLog(database).running().stream().map(entry -> RunView.of(entry, runningSyncs)).toList());
        body.put("companiesTotal", companies.count(search));
        body.put("companies", page.stream().map(company -> view(company, cursors.get(company.companyId()), now)).toList());
        return body;
    }

    @GET
    @Path("lock")
    public LockView lock() {
        return LockView.of(control.lockState());
    }

    /** Frees a stale lock or one whose holder is dead; a live lock is refused with 409. */
    @DELETE
    @NoRequestBody
    @Path("lock")
    public Map<String, Object> freeLock() {
        Optional<LockHolder> freed;
        try {
            freed = control.freeLock("the operations API");
        } catch (IllegalStateException live) {
            throw ApiError.of(409, live.getMessage(), Map.of("lock", LockView.of(control.lockState())));
        }
        return Map.of("freed", freed.isPresent(), "holder", freed.map(LockHolder::describe).orElse("none"),
                "lock", LockView.of(control.lockState()));
    }

    private long databaseNow() throws SQLException {
        try (Connection connection = database.connect()) {
            return DatabaseClock.now(connection);
        }
    }

    /**
     * A company's queue state, its cursor and its lag: the database clock's now less the cursor,
     * null while it was never synced.
     */
    private static Map<String, Object> view(CompanyStatus company, Long cursor, long now) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("companyId", company.companyId());
        view.put("name", company.name());
        view.put("state", company.state());
        view.put("priority", company.priority());
        view.put("retryCount", company.retryCount());
        view.put("nextAttemptAt", company.nextAttemptAt());
        view.put("lastSuccessAt", company.lastSuccessAt());
        view.put("lastAttemptAt", company.lastAttemptAt());
        view.put("passRows", company.passRows());
        view.put("lastError", company.lastError());
        view.put("cursorAt", cursor);
        view.put("lagSeconds", cursor == null ? null : Math.max(0, now - cursor));
        return view;
    }
}
