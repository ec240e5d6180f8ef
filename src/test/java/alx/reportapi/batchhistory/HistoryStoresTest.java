package alx.reportapi.batchhistory;

import jakarta.batch.operations.JobOperator;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryStoresTest {

    @Test
    void aRuntimeIsRecognisedByAnySuperclassOfItsOperator() {
        assertTrue(HistoryStores.isFrom(ArrayList.class, "java.util."));
        assertTrue(HistoryStores.isFrom(new ArrayList<String>() { }.getClass(), "java.util."));
        assertFalse(HistoryStores.isFrom(String.class, "java.util."));
        assertFalse(HistoryStores.isFrom(List.class, "org.jberet."));
    }

    @Test
    void anUnknownRuntimePurgesNothingAndIsNotAskedForItsHistory() {
        JobOperator unknown = (JobOperator) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {JobOperator.class}, (proxy, method, args) -> {
                    throw new AssertionError("the history of an unknown runtime is not read: " + method.getName());
                });
        assertTrue(HistoryStores.forOperator(unknown).isEmpty());
        assertEquals(0, BatchHistoryPurge.of(unknown).purgeFinishedBefore("SyncReportingDataJob", Instant.now()));
    }
}
