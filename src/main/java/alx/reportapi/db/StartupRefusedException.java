package alx.reportapi.db;

/**
 * The product will not start on this database. The message always says what to do about it,
 * because an operator reads it in a server log, far from the code.
 */
public class StartupRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupRefusedException(String message) {
        super(message);
    }

    public StartupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
