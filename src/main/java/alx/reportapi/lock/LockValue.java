package alx.reportapi.lock;

import alx.reportapi.Plugin;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Reads the {@code sync_task_lock} row's value the way the SQL in {@link LockRows} does: 1 to 18
 * digits is a Unix time; anything else is unreadable and counts as stale.
 */
final class LockValue {

    private static final Logger LOG = Logger.getLogger(LockValue.class.getName());
    private static final Pattern UNIX_TIME = Pattern.compile("[0-9]{1,18}");

    private LockValue() {
    }

    static boolean isFree(String value) {
        return value == null || value.isEmpty();
    }

    /** The heartbeat time; empty, with a warning, for a value that is not a Unix time. */
    static OptionalLong heartbeat(String value) {
        if (value != null && UNIX_TIME.matcher(value).matches()) {
            return OptionalLong.of(Long.parseLong(value));
        }
        LOG.log(Level.WARNING, () -> Plugin.LOG_PREFIX + "the " + SyncLock.LOCK_NAME + " row in config_plugins"
                + " holds '" + HolderRecord.abbreviate(String.valueOf(value)) + "', which is not a Unix time;"
                + " the lock is treated as stale and may be taken over");
        return OptionalLong.empty();
    }
}
