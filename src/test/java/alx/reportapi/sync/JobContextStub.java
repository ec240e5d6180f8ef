package alx.reportapi.sync;

import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;

import java.util.Properties;

/** The part of a job context the sync's artifacts use, without a batch runtime. */
final class JobContextStub implements JobContext {

    private final long executionId;
    private Object transientUserData;
    private String exitStatus;

    JobContextStub(long executionId) {
        this.executionId = executionId;
    }

    @Override
    public String getJobName() {
        return SyncReportingDataJob.NAME;
    }

    @Override
    public Object getTransientUserData() {
        return transientUserData;
    }

    @Override
    public void setTransientUserData(Object data) {
        transientUserData = data;
    }

    @Override
    public long getInstanceId() {
        return executionId;
    }

    @Override
    public long getExecutionId() {
        return executionId;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public BatchStatus getBatchStatus() {
        return BatchStatus.STARTED;
    }

    @Override
    public String getExitStatus() {
        return exitStatus;
    }

    @Override
    public void setExitStatus(String status) {
        exitStatus = status;
    }
}
