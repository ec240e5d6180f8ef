package alx.reportapi.lock;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * The sync lock as one read saw it, with the database's clock at that moment, for the admin page,
 * the API and the "already running" message.
 *
 * @param holder            who holds it; empty when no holder was recorded beside the lock row
 *                          (the PHP plugin's cron records none)
 * @param acquiredAt        Unix time it was taken
 * @param heartbeatAt       Unix time of the last heartbeat (the lock row's value), or
 *                          {@link #UNREADABLE} when that value is not a Unix time
 * @param databaseNow       the database clock when this was read
 * @param staleAfterSeconds how long without a heartbeat before the lock may be taken over
 */
public record LockState(Optional<LockHolder> holder, long acquiredAt, long heartbeatAt, long databaseNow,
        long staleAfterSeconds) {

    /** The heartbeat of a lock row whose value is not a Unix time: far enough back to be stale. */
    public static final long UNREADABLE = 0;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public LockState {
        Objects.requireNonNull(holder, "holder");
        if (staleAfterSeconds <= 0) {
            throw new IllegalArgumentException("staleAfterSeconds must be positive, was " + staleAfterSeconds);
        }
    }

    /** Seconds since the last heartbeat, on the database clock. */
    public long ageSeconds() {
        return databaseNow - heartbeatAt;
    }

    /**
     * True when the lock may be taken over: no heartbeat for longer than the stale period, an
     * unreadable value, or a heartbeat further in the future than the stale period (no clock is
     * that far off; such a value would otherwise block syncing for years).
     */
    public boolean stale() {
        return heartbeatUnreadable() || Math.abs(ageSeconds()) > staleAfterSeconds;
    }

    public boolean heartbeatUnreadable() {
        return heartbeatAt <= UNREADABLE;
    }

    /** "held by node web-1 (execution 12) since 2026-03-01 10:00:00 UTC, last heartbeat 42 s ago". */
    public String describe() {
        StringBuilder text = new StringBuilder("held by ")
                .append(holder.map(LockHolder::describe).orElse(LockHolder.UNRECORDED.describe()));
        if (heartbeatUnreadable()) {
            return text.append(", with a lock value that is not a Unix time (treated as stale; it may be taken over)")
                    .toString();
        }
        text.append(" since ").append(TIME.format(Instant.ofEpochSecond(acquiredAt)))
                .append(", last heartbeat ").append(ageSeconds()).append(" s ago");
        if (stale()) {
            text.append(" (stale after ").append(staleAfterSeconds).append(" s without a heartbeat; it may be taken over)");
        }
        return text.toString();
    }
}
