package alx.reportapi.sync;

import alx.reportapi.sync.PassTimes.Phase;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PassTimesTest {

    @Test
    void eachPhaseAddsUpItsOwnTimeAndTheDescriptionNamesEveryPhaseInMilliseconds() {
        PassTimes times = new PassTimes();
        times.add(Phase.WRITING, Duration.ofMillis(1_200));
        times.add(Phase.WRITING, Duration.ofMillis(300));
        times.add(Phase.READING, Duration.ofMillis(40));
        assertEquals(Duration.ofMillis(1_500), times.of(Phase.WRITING));
        assertEquals(Duration.ZERO, times.of(Phase.DERIVING));
        assertEquals("reading 40 ms, deriving 0 ms, starting passes 0 ms, writing pages 1,500 ms", times.describe());
    }

    @Test
    void workThatThrowsStillCountsItsTime() throws Exception {
        PassTimes times = new PassTimes();
        assertThrows(SQLException.class, () -> times.time(Phase.DERIVING, () -> {
            Thread.sleep(20);
            throw new SQLException("lost connection", "08S01");
        }));
        assertTrue(times.of(Phase.DERIVING).toMillis() >= 20, times.describe());
    }
}
