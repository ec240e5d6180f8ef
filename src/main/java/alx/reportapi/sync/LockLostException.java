package alx.reportapi.sync;

/** The run's lock was taken over (it went stale, or an operator freed it): the run stops writing. */
public class LockLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LockLostException(String message) {
        super(message);
    }
}
