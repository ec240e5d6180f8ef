package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.AuditEntry;
import alx.reportapi.reporting.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.List;

/**
 * The audit trail of operator actions, newest first; {@code before} (an entry's {@code id}) pages
 * back, and a full page carries a {@code Link: <…>; rel="next"} header, as the run log does.
 */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    Database database;

    @GET
    public Response recent(@QueryParam("limit") String limit, @QueryParam("before") String before,
            @Context UriInfo uri) throws SQLException {
        int count = Parameters.bounded(limit, "limit", 1, 200, 50);
        long beforeId = before == null || before.isBlank() ? 0
                : Parameters.positiveId(before, "'" + Parameters.shorten(before) + "' is not an audit entry's id: use"
                        + " the id of the oldest entry of the page before.");
        List<AuditEntry> entries = new AuditTrail(database).recent(beforeId, count);
        Response.ResponseBuilder answer = Response.ok(entries);
        if (entries.size() == count) {
            answer.link(uri.getRequestUriBuilder().replaceQueryParam("before", entries.get(entries.size() - 1).id())
                    .build(), "next");
        }
        return answer.build();
    }
}
