package alx.reportapi.sync;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs executing on this node, for progress display, and the stops asked of them, so that a
 * stopped run is recorded as stopped whatever batch status the runtime reports.
 */
@ApplicationScoped
public class RunningSyncs {

    private final Map<Long, SyncRun> running = new ConcurrentHashMap<>();
    private final Set<Long> stopRequests = ConcurrentHashMap.newKeySet();

    void started(SyncRun run) {
        running.put(run.executionId(), run);
    }

    void ended(SyncRun run) {
        running.remove(run.executionId());
        stopRequests.remove(run.executionId());
    }

    public void stopRequested(long executionId, boolean requested) {
        if (requested) {
            stopRequests.add(executionId);
        }
    }

    public boolean stopRequested(long executionId) {
        return stopRequests.contains(executionId);
    }

    public Optional<SyncRun> get(long executionId) {
        return Optional.ofNullable(running.get(executionId));
    }

    public Collection<SyncRun> all() {
        return List.copyOf(running.values());
    }
}
