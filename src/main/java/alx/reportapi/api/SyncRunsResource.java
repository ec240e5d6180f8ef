package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.schedule.RunRequest;
import alx.reportapi.schedule.StopResult;
import alx.reportapi.schedule.SyncControl;
import alx.reportapi.sync.RunningSyncs;
import alx.reportapi.sync.SyncReportingDataJob;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Runs of the sync: ask for one, read one or the recent ones, stop one. */
@Path("sync/runs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SyncRunsResource {

    @Inject
    SyncControl control;

    @Inject
    Database database;

    @Inject
    RunningSyncs runningSyncs;

    /** 202 with the execution id, or 409 naming who holds the lock and since when. */
    @POST
    public Response runNow() throws SQLException, InterruptedException {
        RunRequest request = control.runNow(SyncReportingDataJob.TRIGGER_API);
        if (request instanceof RunRequest.Skipped skipped) {
            throw ApiError.of(409, skipped.message(), Map.of("executionId", skipped.executionId(),
                    "lock", LockView.of(control.lockState())));
        }
        return Response.accepted(Map.of("executionId", request.executionId(), "status", "started",
                "href", "/api/sync/runs/" + request.executionId())).build();
    }

    @GET
    public List<RunView> recent(@QueryParam("limit") String limit) throws SQLException {
        int count = Parameters.bounded(limit, "limit", 1, 200, 20);
        return new RunLog(database).recent(0, count).stream().map(entry -> RunView.of(entry, runningSyncs)).toList();
    }

    @GET
    @Path("{id}")
    public RunView one(@PathParam("id") String id) throws SQLException {
        long executionId = Parameters.executionId(id);
        return new RunLog(database).byExecution(executionId).map(entry -> RunView.of(entry, runningSyncs))
                .orElseThrow(() -> ApiError.notFound("No run has execution id " + executionId + "."));
    }

    /** 202 when the run will stop at its next chunk boundary; 404 unknown; 409 already ended. */
    @POST
    @Path("{id}/stop")
    public Response stop(@PathParam("id") String id) {
        long executionId = Parameters.executionId(id);
        StopResult result = control.stop(executionId, "the operations API");
        return switch (result) {
            case STOPPING -> Response.accepted(Map.of("executionId", executionId, "status", "stopping")).build();
            case UNKNOWN -> throw ApiError.notFound(result.describe(executionId));
            case ALREADY_ENDED -> throw ApiError.conflict(result.describe(executionId));
        };
    }
}
