package alx.reportapi.batchhistory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JBatchStatementsTest {

    private final JBatchStatements sql = new JBatchStatements(new JBatchRepositoryConfig("jdbc/__TimerPool", "APP",
            "PRE_", "_SUF"));

    @Test
    void tableNamesCarryTheConfiguredPrefixAndSuffix() {
        assertEquals("DELETE FROM PRE_EXECUTIONINSTANCEDATA_SUF WHERE jobinstanceid = ?", sql.deleteExecutions());
        assertEquals("DELETE FROM PRE_JOBINSTANCEDATA_SUF WHERE jobinstanceid = ? AND name = ?", sql.deleteInstance());
        assertTrue(sql.deleteStepStatuses().startsWith("DELETE FROM PRE_STEPSTATUS_SUF "), sql.deleteStepStatuses());
        assertTrue(sql.deleteCheckpoints().startsWith("DELETE FROM PRE_CHECKPOINTDATA_SUF "), sql.deleteCheckpoints());
    }

    @Test
    void theGuardCountsEveryExecutionThatIsUnfinishedUnendedOrTooRecent() {
        assertEquals("SELECT COUNT(*) FROM PRE_EXECUTIONINSTANCEDATA_SUF WHERE jobinstanceid = ? AND (endtime IS NULL"
                + " OR endtime >= ? OR batchstatus IS NULL OR batchstatus NOT IN ('ABANDONED', 'COMPLETED', 'FAILED',"
                + " 'STOPPED'))", sql.executionsNotFinishedBefore());
    }
}
