package alx.reportapi.lock;

import java.util.Objects;

/** What {@link SyncLock#take} decided: the caller now holds the lock, or someone else does. */
public sealed interface TakeResult permits TakeResult.Taken, TakeResult.Held {

    /**
     * The lock is the caller's.
     *
     * @param tookOverStale true when a stale or unreadable lock was taken over rather than a free one
     */
    record Taken(LockHolder holder, boolean tookOverStale) implements TakeResult {
        public Taken {
            Objects.requireNonNull(holder, "holder");
        }
    }

    /** Someone else holds a live lock; the trigger is skipped. */
    record Held(LockState current) implements TakeResult {
        public Held {
            Objects.requireNonNull(current, "current");
        }

        /** The message a skipped run is logged and recorded with. */
        public String skipMessage() {
            return "Another sync task is already running: " + current.describe();
        }
    }
}
