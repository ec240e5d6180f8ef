package alx.reportapi.lock;

import alx.reportapi.Plugin;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The value of the {@code sync_task_lock_holder} row: {@code node|incarnation|executionId|acquiredAt}.
 * None of the parts can contain {@code |} ({@link LockHolder} validates them), so the format cannot
 * be broken by a node name.
 */
record HolderRecord(LockHolder holder, long acquiredAt) {

    private static final Logger LOG = Logger.getLogger(HolderRecord.class.getName());
    static final String SEPARATOR = "|";

    /** Everything before the acquisition time, which the database appends from its own clock. */
    static String prefixOf(LockHolder holder) {
        return holder.node() + SEPARATOR + holder.incarnation() + SEPARATOR + holder.executionId() + SEPARATOR;
    }

    /** The stored value parsed; empty, with a warning, when someone wrote something else there. */
    static Optional<HolderRecord> parse(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = value.split("\\|", -1);
        try {
            if (parts.length == 4) {
                LockHolder holder = new LockHolder(parts[0], parts[1], Long.parseLong(parts[2]));
                return Optional.of(new HolderRecord(holder, Long.parseLong(parts[3])));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the warning: a NumberFormatException is one too
        }
        LOG.log(Level.WARNING, () -> Plugin.LOG_PREFIX + "the " + SyncLock.HOLDER_NAME + " row in config_plugins"
                + " holds '" + abbreviate(value) + "', which is not node|incarnation|executionId|acquiredAt;"
                + " the lock is treated as held by an unrecorded holder");
        return Optional.empty();
    }

    static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
