package alx.reportapi.api;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.report.IssuedToken;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.ReportToken;
import alx.reportapi.reporting.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Report API tokens from the operations API (README, Behavior 24): issue one for a company (the
 * only answer that carries the token itself), list them, revoke one. Every change is audited.
 */
@Path("report-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportTokensResource {

    @Inject
    ReportServices services;

    @Inject
    Database database;

    @Inject
    ThisNode thisNode;

    /** Body {@code {"companyId": 3, "label": "Power BI", "expiresAt": "2027-01-01T00:00:00Z"}}; 201. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(JsonObject body, @Context SecurityContext security) throws SQLException {
        if (body == null) {
            throw ApiError.badRequest("Send {\"companyId\": …, \"label\": …, \"expiresAt\": … or null}.");
        }
        for (String name : body.keySet()) {
            if (!Set.of("companyId", "label", "expiresAt").contains(name)) {
                throw ApiError.badRequest("'" + Parameters.shorten(name) + "' is not understood; send companyId,"
                        + " label and optionally expiresAt.");
            }
        }
        if (!(body.get("companyId") instanceof JsonNumber company) || !company.isIntegral()
                || company.longValue() < 1) {
            throw ApiError.badRequest("companyId must be a company id (a positive whole number).");
        }
        if (!(body.get("label") instanceof JsonString label)) {
            throw ApiError.badRequest("label must be a text saying who uses the token.");
        }
        Long expiresAt = expiry(body.get("expiresAt"));
        String who = who(security);
        long now = Session.autoCommit(database, 10, Session::now);
        IssuedToken issued;
        try {
            issued = services.tokens().issue(company.longValue(), label.getString(), expiresAt, who, now);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
        new AuditTrail(database).record(who, "report_token_issue", "company " + company.longValue(), AuditTrail.DONE,
                "token " + issued.token().id() + " (" + issued.token().publicId() + ") '" + issued.token().label()
                        + "' (operations API)", thisNode.name());
        Map<String, Object> answer = view(issued.token());
        answer.put("token", issued.secretText());
        return Response.status(201).entity(answer).build();
    }

    @GET
    public List<Map<String, Object>> list(@QueryParam("companyId") String companyId) {
        Optional<Long> company = Optional.empty();
        if (companyId != null) {
            try {
                company = Optional.of(Long.parseLong(companyId)).filter(id -> id > 0);
            } catch (NumberFormatException e) {
                company = Optional.empty();
            }
            if (company.isEmpty()) {
                throw ApiError.badRequest("companyId must be a positive whole number.");
            }
        }
        return services.tokens().list(company).stream().map(ReportTokensResource::view).toList();
    }

    /** Revokes a token: 200 with the token as now stored, 404 when there is none. */
    @DELETE
    @Path("{id}")
    public Map<String, Object> revoke(@PathParam("id") String id, @Context SecurityContext security)
            throws SQLException {
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("'" + Parameters.shorten(id) + "' is not a token id.");
        }
        String who = who(security);
        long now = Session.autoCommit(database, 10, Session::now);
        ReportToken token = services.tokens().revoke(tokenId, now, who)
                .orElseThrow(() -> ApiError.notFound("No report token has id " + tokenId + "."));
        new AuditTrail(database).record(who, "report_token_revoke", "company " + token.companyId(), AuditTrail.DONE,
                "token " + tokenId + " (" + token.publicId() + ") (operations API)", thisNode.name());
        return view(token);
    }

    static Map<String, Object> view(ReportToken token) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", token.id());
        view.put("publicId", token.publicId());
        view.put("companyId", token.companyId());
        view.put("label", token.label());
        view.put("createdBy", token.createdBy());
        view.put("createdAt", iso(token.createdAt()));
        view.put("expiresAt", token.expiresAt() == null ? null : iso(token.expiresAt()));
        view.put("revokedAt", token.revokedAt() == null ? null : iso(token.revokedAt()));
        view.put("lastUsedAt", token.lastUsedAt() == null ? null : iso(token.lastUsedAt()));
        view.put("lastUsedIp", token.lastUsedIp());
        return view;
    }

    private static String iso(long unixSeconds) {
        return Instant.ofEpochSecond(unixSeconds).toString();
    }

    private static Long expiry(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (value instanceof JsonString text) {
            try {
                return Instant.parse(text.getString()).getEpochSecond();
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw ApiError.badRequest("expiresAt must be an ISO 8601 instant like \"2027-01-01T00:00:00Z\", or null for"
                + " a token that does not expire.");
    }

    private static String who(SecurityContext security) {
        return security.getUserPrincipal() != null ? security.getUserPrincipal().getName() : "the operations token";
    }
}
