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
    private static final Pattern WRITTEN_BY_THIS_SERVICE = Pattern.compile("0[1-9][0-9]{0,16}");

    private LockValue() {
    }

    static boolean isFree(String value) {
        return value == null || value.isEmpty();
    }

    /**
     * Whether this service wrote the value: it writes the Unix time with a leading zero, which PHP
     * reads as the same number ({@code (int) "01767000000"} is 1767000000) but never writes itself,
     * since its {@code time()} has none. A PHP cron that read the lock as free and wrote it right
     * after this service took it (its read-then-write is not atomic) writes a plain time, often in
     * the very same second: only the leading zero tells the two writes apart.
     */
    static boolean writtenByThisService(String value) {
        return value != null && WRITTEN_BY_THIS_SERVICE.matcher(value).matches();
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
