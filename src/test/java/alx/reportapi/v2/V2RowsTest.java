package alx.reportapi.v2;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The report API's dates are written as ISO_INSTANT writes them, whatever the time: the digit by
 * digit writing of the common years and the formatter's own beyond them.
 */
class V2RowsTest {

    @Test
    void everyTimeIsWrittenAsIsoInstantWritesIt() {
        List<Long> times = new ArrayList<>(List.of(-62_167_219_200L, -1L, 0L, 1L, 59L, 86_399L, 86_400L,
                951_782_400L, 951_868_799L, 1_709_164_800L, 1_700_000_000L, 2_147_483_647L, 4_102_444_799L,
                253_402_300_799L, 253_402_300_800L, 300_000_000_000L));
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            times.add(random.nextLong(-100_000_000_000L, 300_000_000_000L));
        }
        List<String> different = new ArrayList<>();
        for (long time : times) {
            String expected = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(time));
            String written = V2Rows.iso(time);
            if (!expected.equals(written) && different.size() < 10) {
                different.add(time + ": " + written + " instead of " + expected);
            }
        }
        assertEquals(List.of(), different);
    }
}
