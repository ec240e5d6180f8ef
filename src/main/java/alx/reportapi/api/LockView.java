package alx.reportapi.api;

import alx.reportapi.lock.LockState;

import java.util.Optional;

/** The sync lock as the API shows it; {@code held} false and nulls elsewhere when it is free. */
public record LockView(boolean held, String node, Long executionId, Long acquiredAt, Long heartbeatAt,
        Long heartbeatAgeSeconds, Boolean stale, String description) {

    static LockView of(Optional<LockState> state) {
        if (state.isEmpty()) {
            return new LockView(false, null, null, null, null, null, null, "free");
        }
        LockState lock = state.get();
        return new LockView(true, lock.holder().map(h -> h.node()).orElse(null),
                lock.holder().map(h -> h.executionId()).orElse(null), lock.acquiredAt(), lock.heartbeatAt(),
                lock.ageSeconds(), lock.stale(), lock.describe());
    }
}
