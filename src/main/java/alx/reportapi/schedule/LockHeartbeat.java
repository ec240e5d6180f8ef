package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.LockState;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.RunLifecycle;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@value SyncLock#HEARTBEAT_SECONDS} s, marks the lock of each run of this node alive in a
 * transaction of its own (README, Behavior 17). A run's writing transactions heartbeat too, but
 * only when they commit: a run in one long statement would otherwise look dead to the watchdog, and
 * a node restarted after a crash could not tell its dead predecessor's lock from a live process's.
 * The same beat frees the lock of this node's earlier incarnation once that one's heartbeat stopped,
 * and the lock of a run of this process that ended while the database was unreachable.
 */
@Singleton
@Startup
// Each beat commits on its own connection; no container transaction is wanted.
@TransactionManagement(TransactionManagementType.BEAN)
public class LockHeartbeat {

    private static final Logger LOG = Logger.getLogger(LockHeartbeat.class.getName());

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    SyncLocks syncLocks;

    @Inject
    ThisNode thisNode;

    @Inject
    RunLifecycle lifecycle;

    @Inject
    SyncControl control;

    /** Every five seconds: {@link SyncLock#HEARTBEAT_SECONDS}. */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void beat() {
        for (RunSnapshot run : runningSyncs.all()) {
            try {
                syncLocks.lock().heartbeat(thisNode.holderFor(run.executionId()));
            } catch (RuntimeException e) {
                // The database is unreachable: the next beat tries again; the run's own statements fail meanwhile.
                LOG.log(Level.WARNING, Plugin.logPrefix(run.executionId()) + "heartbeat failed: " + e.getMessage());
            }
        }
        try {
            // A plain read first: a locking transaction only when there is something to recover.
            Optional<LockHolder> holder = syncLocks.lock().state().flatMap(LockState::holder);
            if (holder.filter(thisNode::isOtherIncarnation).isPresent()) {
                lifecycle.recoverDeadIncarnation();
            } else if (holder.filter(control::endedInThisProcess).isPresent()) {
                // Its end came while the database was unreachable: neither the release nor the run
                // log's end got through, and nobody else would free the lock before it went stale.
                lifecycle.forceEnd(holder.get().executionId(), RunOutcome.FAILED, "the run ended while the database"
                        + " was unreachable, so its end and its lock's release were not recorded");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, Plugin.LOG_PREFIX + "could not look for a lock left behind", e);
        }
    }
}
