package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunOutcome;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    @NoRequestBody
    public Response runNow() throws SQLException, InterruptedException {
        RunRequest request = control.runNow(SyncReportingDataJob.TRIGGER_API);
        if (request instanceof RunRequest.Skipped skipped) {
            throw ApiError.of(409, skipped.message(), Map.of("executionId", skipped.executionId(),
                    "lock", LockView.of(control.lockState())));
        }
        return Response.accepted(Map.of("executionId", request.executionId(), "status", "started",
                "href", "/api/sync/runs/" + request.executionId())).build();
    }

    /**
     * Newest first; {@code before} (a run's {@code id}) pages back through the whole log, and
     * {@code outcome} (one or more, comma-separated) keeps only those outcomes. When a page is
     * full, a {@code Link: <…>; rel="next"} header gives the next one.
     */
    @GET
    public Response recent(@QueryParam("limit") String limit, @QueryParam("before") String before,
            @QueryParam("outcome") String outcome, @Context UriInfo uri) throws SQLException {
        int count = Parameters.bounded(limit, "limit", 1, 200, 20);
        long beforeId = before == null || before.isBlank() ? 0
                : Parameters.positiveId(before, "'" + Parameters.shorten(before) + "' is not a run's id: use the"
                        + " id of the oldest run of the page before.");
        Set<RunOutcome> outcomes = outcomes(outcome);
        List<RunView> runs = new RunLog(database).page(beforeId, outcomes, count).stream()
                .map(entry -> RunView.of(entry, runningSyncs)).toList();
        Response.ResponseBuilder answer = Response.ok(runs);
        if (runs.size() == count) {
            answer.link(uri.getRequestUriBuilder().replaceQueryParam("before", runs.get(runs.size() - 1).id())
                    .build(), "next");
        }
        return answer.build();
    }

    private static Set<RunOutcome> outcomes(String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        if (raw.length() > 200) {
            throw ApiError.badRequest("The outcome filter is longer than 200 characters.");
        }
        Set<RunOutcome> outcomes = EnumSet.noneOf(RunOutcome.class);
        for (String word : raw.split(",")) {
            outcomes.add(Arrays.stream(RunOutcome.values()).filter(o -> o.word().equals(word.strip())).findFirst()
                    .orElseThrow(() -> ApiError.badRequest("'" + Parameters.shorten(word.strip())
                            + "' is not an outcome: use one or more of " + Arrays.stream(RunOutcome.values())
                            .map(RunOutcome::word).toList() + ", separated by commas.")));
        }
        return outcomes;
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
    @NoRequestBody
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
