package alx.reportapi.sync;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs executing on this node, from the moment they hold the lock until their end is recorded,
 * and the stops asked of them, so that a stopped run is recorded as stopped whatever batch status
 * the runtime reports.
 */
@ApplicationScoped
public class RunningSyncs {

    private final Map<Long, Running> running = new ConcurrentHashMap<>();
    private final Set<Long> stopRequests = ConcurrentHashMap.newKeySet();

    private record Running(SyncRun run, String node) {
    }

    void started(SyncRun run, String node) {
        running.put(run.executionId(), new Running(run, node));
    }

    void ended(SyncRun run) {
        running.remove(run.executionId());
        stopRequests.remove(run.executionId());
    }

    public void stopRequested(long executionId) {
        stopRequests.add(executionId);
    }

    public boolean isStopRequested(long executionId) {
        return stopRequests.contains(executionId);
    }

    public boolean isRunning(long executionId) {
        return running.containsKey(executionId);
    }

    public Optional<RunSnapshot> get(long executionId) {
        return Optional.ofNullable(running.get(executionId)).map(r -> r.run().progress(r.node()));
    }

    public List<RunSnapshot> all() {
        return running.values().stream().map(r -> r.run().progress(r.node())).toList();
    }
}
