package alx.reportapi.batchhistory;

import java.util.stream.Collectors;

/**
 * The SQL that removes one job instance from IBM JBatch's tables, children first, for the table
 * names of a configuration. Table and column names are those JBatch creates; every value is a
 * parameter.
 */
final class JBatchStatements {

    private final String instances;
    private final String executions;
    private final String stepExecutions;
    private final String jobStatus;
    private final String stepStatus;
    private final String checkpoints;

    JBatchStatements(JBatchRepositoryConfig config) {
        instances = config.table("JOBINSTANCEDATA");
        executions = config.table("EXECUTIONINSTANCEDATA");
        stepExecutions = config.table("STEPEXECUTIONINSTANCEDATA");
        jobStatus = config.table("JOBSTATUS");
        stepStatus = config.table("STEPSTATUS");
        checkpoints = config.table("CHECKPOINTDATA");
    }

    /** Parameters: instance id, job name. */
    String instanceOfJob() {
        return "SELECT COUNT(*) FROM " + instances + " WHERE jobinstanceid = ? AND name = ?";
    }

    /** Parameters: instance id, cutoff. Zero means the instance may go. */
    String executionsNotFinishedBefore() {
        return "SELECT COUNT(*) FROM " + executions + " WHERE jobinstanceid = ? AND (endtime IS NULL OR endtime >= ?"
                + " OR batchstatus IS NULL OR batchstatus NOT IN (" + finishedStatuses() + "))";
    }

    String deleteStepStatuses() {
        return "DELETE FROM " + stepStatus + " WHERE id IN (SELECT s.stepexecid FROM " + stepExecutions + " s, "
                + executions + " e WHERE s.jobexecid = e.jobexecid AND e.jobinstanceid = ?)";
    }

    String deleteStepExecutions() {
        return "DELETE FROM " + stepExecutions + " WHERE jobexecid IN (SELECT jobexecid FROM " + executions
                + " WHERE jobinstanceid = ?)";
    }

    /** Parameter: the key prefix "instanceId,", as JBatch keys checkpoints by instance, step and stream. */
    String deleteCheckpoints() {
        return "DELETE FROM " + checkpoints + " WHERE id LIKE ?";
    }

    String deleteExecutions() {
        return "DELETE FROM " + executions + " WHERE jobinstanceid = ?";
    }

    String deleteJobStatus() {
        return "DELETE FROM " + jobStatus + " WHERE id = ?";
    }

    /** Parameters: instance id, job name. */
    String deleteInstance() {
        return "DELETE FROM " + instances + " WHERE jobinstanceid = ? AND name = ?";
    }

    private static String finishedStatuses() {
        return PurgeRule.FINISHED.stream().map(status -> "'" + status.name() + "'").sorted()
                .collect(Collectors.joining(", "));
    }
}
