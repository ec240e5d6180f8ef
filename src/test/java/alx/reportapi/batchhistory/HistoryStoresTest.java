package alx.reportapi.batchhistory;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
}
