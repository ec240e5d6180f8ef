package alx.reportapi.schedule;

import alx.reportapi.sync.RunLifecycle;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

/**
 * At start-up, before the timer can start anything: runs this node's earlier process left marked
 * running are recorded as failed, and a lock that process held is freed if its heartbeat has
 * stopped (README, Behavior 11 and 17). Other nodes' locks are never touched.
 */
@Singleton
@Startup
@DependsOn("ApplicationStartup")
// Its statements commit on their own connections; no container transaction is wanted.
@TransactionManagement(TransactionManagementType.BEAN)
public class DeadIncarnationRecovery {

    @Inject
    RunLifecycle lifecycle;

    @PostConstruct
    void recover() {
        lifecycle.closeRunsOfEarlierProcess();
    }
}
