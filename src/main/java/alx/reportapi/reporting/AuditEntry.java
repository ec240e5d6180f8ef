package alx.reportapi.reporting;

/**
 * One operator action in the audit trail.
 *
 * @param at      Unix seconds on the database clock
 * @param user    who acted: the admin's login name, or the operations token
 * @param action  what they did, e.g. {@code run_now}, {@code settings_saved}, {@code lock_released}
 * @param target  what it applied to (an execution id, a company id, a setting), or empty
 * @param outcome {@code done} or {@code refused}
 * @param detail  what happened, in words
 */
public record AuditEntry(long id, long at, String user, String action, String target, String outcome,
        String detail, String node) {
}
