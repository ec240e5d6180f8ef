package alx.reportapi.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How long a connection may wait for the database to answer before the wait counts as a lost
 * connection (README, Behavior 17). A statement's own timeout does not cover a peer that went
 * silent without a reset: the driver's cancel never gets an answer, and a commit has no timeout at
 * all. The socket's read timeout does: it fails the wait with SQLState 08S01, which
 * {@link SqlFailures} calls transient and a pool takes as a reason to discard the connection.
 * <p>
 * The bound is the statement timeout plus {@link #MARGIN}: a statement that works for its whole
 * timeout is cancelled by the driver and answers within the margin, so only silence reaches it.
 */
public final class NetworkBound {

    /** Time for the driver's cancel to reach the server and for the cancelled statement to answer. */
    public static final Duration MARGIN = Duration.ofSeconds(10);

    /**
     * The driver applies the timeout on the executor it is given; running it on the caller's thread
     * makes it hold before the first statement, and starts no thread inside a container.
     */
    private static final Executor ON_THE_CALLERS_THREAD = Runnable::run;

    private NetworkBound() {
    }

    /** The longest silence a connection whose statements time out after {@code statementTimeoutSeconds} waits through. */
    public static Duration of(int statementTimeoutSeconds) {
        if (statementTimeoutSeconds < 1) {
            throw new IllegalArgumentException("a statement timeout must be at least 1 s, was " + statementTimeoutSeconds);
        }
        return Duration.ofSeconds(statementTimeoutSeconds).plus(MARGIN);
    }

    /**
     * Bounds every network wait on {@code connection}, its commit and rollback included. The pool
     * inside the WAR (HikariCP) restores its own value when the connection is handed back; a
     * server-managed pool keeps this one until the next borrower sets its own, as every borrower
     * through {@link Database#connect(int)} does.
     */
    static void apply(Connection connection, int statementTimeoutSeconds) throws SQLException {
        try {
            connection.setNetworkTimeout(ON_THE_CALLERS_THREAD, Math.toIntExact(of(statementTimeoutSeconds).toMillis()));
        } catch (SQLFeatureNotSupportedException embeddedOrOldDriver) {
            // The embedded demo database has no network to wait for.
        }
    }
}
