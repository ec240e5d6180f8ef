package alx.reportapi.v2;

import alx.reportapi.report.RequestQuota;

import java.util.Map;

/**
 * An error answer of the report API: its HTTP status, stable error code and a clear reason, and
 * for a 429 the quota that refused it.
 */
final class ApiProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final transient Map<String, String> headers;
    private final RequestQuota.Scope refusedBy;

    ApiProblem(int status, String errorCode, String detail) {
        this(status, errorCode, detail, Map.of());
    }

    ApiProblem(int status, String errorCode, String detail, Map<String, String> headers) {
        this(status, errorCode, detail, headers, null);
    }

    private ApiProblem(int status, String errorCode, String detail, Map<String, String> headers,
            RequestQuota.Scope refusedBy) {
        super(detail, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.headers = Map.copyOf(headers);
        this.refusedBy = refusedBy;
    }

    /** A 429 with {@code Retry-After}: the quota of {@code scope} is used up for now. */
    static ApiProblem rateLimited(RequestQuota.Scope scope, String detail, long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new ApiProblem(429, "rate_limited", detail + " Try again in " + seconds + " s.",
                Map.of("Retry-After", Long.toString(seconds)), scope);
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The quota that refused the request, null unless it is a 429. */
    RequestQuota.Scope refusedBy() {
        return refusedBy;
    }

    static ApiProblem badParameter(String detail) {
        return new ApiProblem(400, "invalid_parameter", detail);
    }

    static ApiProblem badCursor(String detail) {
        return new ApiProblem(400, "invalid_cursor", detail);
    }

    String title() {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 410 -> "Gone";
            case 429 -> "Too many requests";
            default -> "Internal error";
        };
    }
}
