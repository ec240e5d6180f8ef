package alx.reportapi.v2;

import java.util.Map;

/** An error answer of the report API: its HTTP status, stable error code and a clear reason. */
final class ApiProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final transient Map<String, String> headers;

    ApiProblem(int status, String errorCode, String detail) {
        this(status, errorCode, detail, Map.of());
    }

    ApiProblem(int status, String errorCode, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.headers = Map.copyOf(headers);
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
