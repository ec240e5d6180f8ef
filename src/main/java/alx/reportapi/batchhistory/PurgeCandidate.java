package alx.reportapi.batchhistory;

import java.util.List;

/** A job instance chosen for removal, with the executions it had when it was chosen. */
public record PurgeCandidate(long instanceId, List<Long> executionIds) {

    public PurgeCandidate {
        executionIds = List.copyOf(executionIds);
    }
}
