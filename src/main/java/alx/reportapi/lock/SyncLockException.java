package alx.reportapi.lock;

/**
 * The lock's rows could not be read or written: the database refused, or stayed unreachable or
 * deadlocked through every retry. Nothing about who holds the lock can be concluded from it.
 */
public class SyncLockException extends RuntimeException {

    public SyncLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
