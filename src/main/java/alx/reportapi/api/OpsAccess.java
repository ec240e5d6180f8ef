package alx.reportapi.api;

import alx.reportapi.db.AlxDatabase;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Admits a request that carries {@code Authorization: Bearer <ALX_OPS_TOKEN>} or comes from a
 * logged-in admin, whose changes must not come from another site ({@link SameSiteRequest}). No
 * credentials, or credentials that are not a bearer token at all, answer 401 (authenticate
 * first); a well-formed token that is not the right one answers 403.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class OpsAccess implements ContainerRequestFilter {

    public static final String OPS_TOKEN = "ALX_OPS_TOKEN";
    public static final String ADMIN_ROLE = "admin";
    /** RFC 6750's token68 characters, with a length bound so nobody can send a megabyte of token. */
    private static final Pattern BEARER = Pattern.compile("Bearer ([A-Za-z0-9\\-._~+/]{1,512}=*)");

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getSecurityContext().isUserInRole(ADMIN_ROLE)) {
            if (!SameSiteRequest.allowed(request)) {
                throw ApiError.of(403, "An admin's browser session may change things through this API only from"
                        + " this server's own pages; scripts use the bearer token from ALX_OPS_TOKEN.");
            }
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            throw ApiError.of(401, "Authentication required: send 'Authorization: Bearer <token>' with the token"
                    + " from ALX_OPS_TOKEN, or log in as an admin.");
        }
        var matcher = BEARER.matcher(header.trim());
        if (!matcher.matches()) {
            throw ApiError.of(401, "The Authorization header is malformed: expected 'Bearer <token>'.");
        }
        Optional<String> expected = configuredToken();
        if (expected.isEmpty()) {
            throw ApiError.of(403, "Token access is disabled on this server: ALX_OPS_TOKEN is not set.");
        }
        if (!sameSecret(expected.get(), matcher.group(1))) {
            throw ApiError.of(403, "The bearer token is not valid for this server.");
        }
    }

    static Optional<String> configuredToken() {
        return AlxDatabase.configValue(OPS_TOKEN).map(String::trim).filter(token -> !token.isEmpty())
                .or(DemoOpsToken::current);
    }

    /** Constant-time, so the comparison leaks nothing about how much of a guess was right. */
    private static boolean sameSecret(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
