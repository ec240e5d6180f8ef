package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.AuditTrail;
import alx.reportapi.reporting.CompanyRetry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.sql.SQLException;
import java.util.Map;

/** Retry of a failed or parked company: it is synced first on the next run. */
@Path("sync/companies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class CompanyRetryResource {

    @Inject
    Database database;

    @Inject
    ThisNode thisNode;

    /** 200 when retried; 404 unknown company; 409 when the company is not failing. */
    @POST
    @NoRequestBody
    @Path("{id}/retry")
    public Map<String, Object> retry(@PathParam("id") String id, @Context SecurityContext security)
            throws SQLException {
        long companyId = companyId(id);
        CompanyRetry.Result result = new CompanyRetry(database).retry(companyId);
        String who = security.getUserPrincipal() != null ? security.getUserPrincipal().getName()
                : "the operations token";
        switch (result) {
            case UNKNOWN_COMPANY -> throw ApiError.notFound("No company has id " + companyId + ".");
            case NOT_FAILED -> {
                new AuditTrail(database).record(who, "company_retry", "company " + companyId, AuditTrail.REFUSED,
                        "not failed or parked (operations API)", thisNode.name());
                throw ApiError.conflict("Company " + companyId + " is neither failing nor parked; there is nothing"
                        + " to retry.");
            }
            case RETRIED -> new AuditTrail(database).record(who, "company_retry", "company " + companyId,
                    AuditTrail.DONE, "retries reset; synced first on the next run (operations API)", thisNode.name());
        }
        return Map.of("companyId", companyId, "status", "retry_scheduled",
                "message", "Company " + companyId + " will be synced first on the next run.");
    }

    private static long companyId(String raw) {
        return Parameters.positiveId(raw, "'" + Parameters.shorten(raw) + "' is not a company id: use the positive"
                + " companyId that GET /api/sync/status lists.");
    }
}
