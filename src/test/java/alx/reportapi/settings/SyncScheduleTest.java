package alx.reportapi.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyncScheduleTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0 *          | 0      | *",
            "*/15 *       | */15   | *",
            "30 2         | 30     | 2",
            "0,30 8-18    | 0,30   | 8-18",
            "59 23        | 59     | 23",
    })
    void givesTheMinuteAndHourForTheTimer(String text, String minute, String hour) {
        SyncSchedule schedule = SyncSchedule.parse(text);
        assertEquals(minute, schedule.minute());
        assertEquals(hour, schedule.hour());
        assertEquals(minute + " " + hour, schedule.toString());
    }

    @Test
    void acceptsListsThatMixNumbersAndRanges() {
        assertEquals("0,15-20,45 0-6,22,23", SyncSchedule.parse("0,15-20,45 0-6,22,23").toString());
    }

    @Test
    void storesExtraWhitespaceAsOneSpace() {
        assertEquals("0 *", SyncSchedule.parse("  0 \t *  ").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "0              | expected 2 fields (minute and hour) separated by a space, found 1",
            "0 * *          | expected 2 fields (minute and hour) separated by a space, found 3",
            "60 *           | the minute 60 is outside 0-59",
            "0 24           | the hour 24 is outside 0-23",
            "*/0 *          | the minute step in '*/0' must be from 1 to 59",
            "*/60 *         | the minute step in '*/60' must be from 1 to 59",
            "0 */24         | the hour step in '*/24' must be from 1 to 23",
            "1,,2 *         | the minute list '1,,2' has an empty item",
            "1, *           | the minute list '1,' has an empty item",
            "30-10 *        | the minute range '30-10' runs backwards; write it as two ranges, e.g. 30-59,0-10",
            "0 22-2         | the hour range '22-2' runs backwards; write it as two ranges, e.g. 22-23,0-2",
            "-1 *           | the minute '-1' is not *, */n, a number, a list or a range",
            "007 *          | the minute '007' is not *, */n, a number, a list or a range",
            "? *            | the minute '?' is not *, */n, a number, a list or a range",
            "Mon *          | the minute 'Mon' is not *, */n, a number, a list or a range",
            "5/10 *         | the minute '5/10' is not *, */n, a number, a list or a range",
            "** *           | the minute '**' is not *, */n, a number, a list or a range",
            "0 1-2-3        | the hour '1-2-3' is not *, */n, a number, a list or a range",
    })
    void refusesEachMalformedFieldSayingWhatIsWrong(String text, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyncSchedule.parse(text));
        assertEquals(problem, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "0", "59", "*/1", "*/59", "0-59", "1,2,3"})
    void acceptsEveryFormOfMinute(String minute) {
        assertEquals(minute, SyncSchedule.parse(minute + " *").minute());
    }

    @Test
    void theConstructorChecksToo() {
        assertThrows(IllegalArgumentException.class, () -> new SyncSchedule("0", null));
        assertThrows(IllegalArgumentException.class, () -> new SyncSchedule("0", "25"));
        assertTrue(new SyncSchedule("0", "*").equals(SyncSchedule.parse("0 *")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 *       | 3600",
            "* *       | 60",
            "*/15 *    | 900",
            "0 3       | 86400",
            "0 0,12    | 43200",
            "30 8-17   | 54000",
            "0,50 *    | 3000",
    })
    void theLongestGapBetweenTwoFiringsCountsIntoTheNextDay(String schedule, long seconds) {
        assertEquals(seconds, SyncSchedule.parse(schedule.strip()).longestGapSeconds());
    }
}
