package alx.reportapi.lock;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who holds the sync lock: a node of the cluster, the process incarnation on that node, and the
 * batch execution that runs the sync.
 * <p>
 * The incarnation tells a live process from its dead predecessor on the same node: after a crash
 * the node restarts with a new one and frees the locks of the old one at once.
 * Node names must therefore be unique per running process.
 *
 * @param node        the node's name, {@code [A-Za-z0-9._:-]{1,100}}
 * @param incarnation a random id chosen when the process starts, same characters, at most 64
 * @param executionId the batch execution, {@code >= 0}
 */
public record LockHolder(String node, String incarnation, long executionId) {

    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
    private static final Pattern INCARNATION = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /**
     * Stands for a lock row with no readable holder beside it: taken by the PHP plugin's cron,
     * which records no holder, or a holder row damaged by hand.
     */
    public static final LockHolder UNRECORDED = new LockHolder("unrecorded", "unrecorded", 0);

    public LockHolder {
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("Node name '" + node + "' is not valid: use 1 to 100 characters"
                    + " from A-Z, a-z, 0-9, '.', '_', ':' and '-'.");
        }
        if (incarnation == null || !INCARNATION.matcher(incarnation).matches()) {
            throw new IllegalArgumentException("Incarnation '" + incarnation + "' is not valid: use 1 to 64"
                    + " characters from A-Z, a-z, 0-9, '.', '_', ':' and '-'.");
        }
        if (executionId < 0) {
            throw new IllegalArgumentException("Execution id " + executionId + " is not valid: it must not be negative.");
        }
    }

    /** A fresh incarnation id, for a process that is starting. */
    public static String newIncarnation() {
        return UUID.randomUUID().toString();
    }

    /** For messages: "node web-1 (execution 12)". */
    public String describe() {
        if (this.equals(UNRECORDED)) {
            return "a holder this service did not record (the PHP plugin's cron, or a damaged holder row)";
        }
        return "node " + node + " (execution " + executionId + ")";
    }
}
