package alx.reportapi.webservice;

/**
 * An error as Moodle's REST server reports it: the PHP exception class, its error code and its
 * message, the three things a client sees (Moodle adds {@code debuginfo} only with debugging on,
 * which no production site runs).
 */
public final class MoodleException extends Exception {

    private static final long serialVersionUID = 1L;
    static final String COMPONENT = "local_alx_report_api";
    private static final String RATE_LIMIT_EXCEEDED = "ratelimitexceeded";
    private static final String DATABASE_READ = "dmlreadexception";

    private final String exceptionClass;
    private final String errorCode;

    MoodleException(String exceptionClass, String errorCode, String message) {
        super(message, null, false, false);
        this.exceptionClass = exceptionClass;
        this.errorCode = errorCode;
    }

    public String exceptionClass() {
        return exceptionClass;
    }

    public String errorCode() {
        return errorCode;
    }

    static MoodleException invalidToken() {
        return new MoodleException("moodle_exception", "invalidtoken", "Invalid token - token not found");
    }

    /** Expired token, IP not allowed, service disabled or without the function. */
    static MoodleException accessException() {
        return new MoodleException("webservice_access_exception", "accessexception", "Access control exception");
    }

    static MoodleException userDeleted(String username) {
        return new MoodleException("moodle_exception", "wsaccessuserdeleted",
                "Refused web service access for deleted username: " + username);
    }

    static MoodleException userSuspended(String username) {
        return new MoodleException("moodle_exception", "wsaccessusersuspended",
                "Refused web service access for suspended username: " + username);
    }

    /** The company's daily quota is used up. */
    static MoodleException rateLimitExceeded() {
        return plugin(RATE_LIMIT_EXCEEDED, "Daily rate limit exceeded");
    }

    /** The database could not be read: the server's fault, not the client's. */
    static MoodleException databaseRead() {
        return new MoodleException("dml_read_exception", DATABASE_READ, "Error reading from database");
    }

    boolean rateLimited() {
        return RATE_LIMIT_EXCEEDED.equals(errorCode);
    }

    boolean serverFault() {
        return DATABASE_READ.equals(errorCode);
    }

    /** A function name Moodle does not know. */
    static MoodleException unknownFunction() {
        return new MoodleException("dml_missing_record_exception", "invalidrecord",
                "Can't find data record in database table external_functions.");
    }

    /** A parameter of the wrong type, or one the function does not declare. */
    static MoodleException invalidParameter() {
        return new MoodleException("invalid_parameter_exception", "invalidparameter",
                "Invalid parameter value detected");
    }

    /**
     * An error the plugin throws. Without a language string Moodle shows component/code as the
     * message, which is what clients of plugin 1.9.0 see for these codes.
     */
    static MoodleException plugin(String errorCode) {
        return new MoodleException("moodle_exception", errorCode, COMPONENT + "/" + errorCode);
    }

    static MoodleException plugin(String errorCode, String message) {
        return new MoodleException("moodle_exception", errorCode, message);
    }
}
