package alx.reportapi.moodle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleIndexTest {

    @Test
    void findsEveryModuleAddedAndNoOtherPastItsFirstCapacity() {
        ModuleIndex.Builder builder = new ModuleIndex.Builder();
        for (long id = 1; id <= 3000; id++) {
            builder.add(id * 3, id % 7, id % 2 == 0);
        }
        ModuleIndex index = builder.build();
        assertEquals(3000, index.size());
        for (long id = 1; id <= 3000; id++) {
            int at = index.indexOf(id * 3);
            assertTrue(at >= 0, "module " + id * 3);
            assertEquals(id % 7, index.courseAt(at));
            assertEquals(id % 2 == 0, index.trackedAt(at));
            assertTrue(index.indexOf(id * 3 + 1) < 0);
        }
        assertTrue(index.indexOf(0) < 0);
        assertFalse(ModuleIndex.EMPTY.indexOf(3) >= 0);
    }

    @Test
    void refusesIdsOutOfOrder() {
        ModuleIndex.Builder builder = new ModuleIndex.Builder().add(5, 1, true);
        assertThrows(IllegalArgumentException.class, () -> builder.add(5, 1, true));
        assertThrows(IllegalArgumentException.class, () -> builder.add(4, 1, true));
    }
}
