package alx.reportapi.lock;

/**
 * The states of an existing lock row in which {@link SyncLock#take} may take it, each decided by
 * one conditional {@code UPDATE} on the database clock. A value counts as a Unix time when it is 1
 * to 18 digits, the same rule as {@link LockValue}.
 */
enum Takeover {

    /** An empty value: free, as PHP's {@code get_config} would read it. */
    EMPTY("LENGTH(value) = 0", false),

    /** Not a Unix time ('abc', '12x', ' 123'): nobody can tell its age, so it counts as stale. */
    UNREADABLE("LENGTH(value) > 0 AND NOT (" + Takeover.UNIX_TIME + ")", true),

    /**
     * A Unix time without a heartbeat for longer than the stale period, or further ahead of the
     * database clock than that (no clock is that far off). Binds the stale period twice. The CASE
     * keeps CAST away from values that are not numbers: MariaDB's strict mode turns that cast's
     * truncation warning into an error inside UPDATE, and H2 refuses it.
     */
    STALE("CASE WHEN " + Takeover.UNIX_TIME + " THEN (" + Takeover.NUMBER + " + ? < UNIX_TIMESTAMP() OR "
            + Takeover.NUMBER + " > UNIX_TIMESTAMP() + ?) ELSE FALSE END", true);

    static final String UNIX_TIME = "value REGEXP '^[0-9]{1,18}$'";
    /** DECIMAL casts the same on MariaDB and H2 (SIGNED is MySQL-only, BIGINT H2-only). */
    static final String NUMBER = "CAST(value AS DECIMAL(20,0))";

    /** Any state a live lock is not in: what the admin's "free a stuck lock" may delete. */
    static final String NOT_LIVE = "(" + EMPTY.condition + ") OR (" + UNREADABLE.condition + ") OR ("
            + STALE.condition + ")";

    final String condition;
    final boolean takesOverAHolder;

    Takeover(String condition, boolean takesOverAHolder) {
        this.condition = condition;
        this.takesOverAHolder = takesOverAHolder;
    }

    /** How many times the condition binds the stale period. */
    int staleParameters() {
        return this == STALE ? 2 : 0;
    }
}
