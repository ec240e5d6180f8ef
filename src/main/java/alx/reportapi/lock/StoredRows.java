package alx.reportapi.lock;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lock's two rows as one read saw them, with the database clock of that read.
 *
 * @param databaseNow the database clock; meaningful only when a row was found
 */
record StoredRows(Optional<String> lockValue, Optional<String> holderValue, long databaseNow) {

    /** The lock as the admin page shows it; empty when it is free (no row, or an empty value). */
    Optional<LockState> toState(long staleAfterSeconds) {
        if (lockValue.isEmpty() || LockValue.isFree(lockValue.get())) {
            return Optional.empty();
        }
        OptionalLong heartbeat = LockValue.heartbeat(lockValue.get());
        Optional<HolderRecord> holder = holderValue.flatMap(HolderRecord::parse);
        long heartbeatAt = heartbeat.orElse(LockState.UNREADABLE);
        // The PHP plugin writes the value once, at acquisition, so without a holder row it is both.
        long acquiredAt = holder.map(HolderRecord::acquiredAt).orElse(heartbeatAt);
        return Optional.of(new LockState(holder.map(HolderRecord::holder), acquiredAt, heartbeatAt, databaseNow,
                staleAfterSeconds));
    }
}
