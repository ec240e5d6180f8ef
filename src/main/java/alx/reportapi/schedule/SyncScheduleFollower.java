package alx.reportapi.schedule;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * Brings a schedule saved on another node, or in the database, to this node's sync timer within a
 * minute; a save on this node reschedules it at once. A bean of its own, so that its automatic
 * timer can never be taken for the sync timer: {@link SyncTimer} starts a run from its timeout
 * method, which an automatic timer of the same bean could reach.
 */
@Singleton
@Startup
// Reads settings on its own connection; no container transaction is wanted.
@TransactionManagement(TransactionManagementType.BEAN)
public class SyncScheduleFollower {

    @Inject
    SyncTimer syncTimer;

    @Schedule(second = "15", minute = "*", hour = "*", persistent = false)
    void followSettings() {
        syncTimer.reschedule();
    }
}
