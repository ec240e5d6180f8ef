package alx.reportapi.sync;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verification's pace: every member once per window, whatever the runs' rhythm. */
class VerificationPaceTest {

    private static final long DAY = 86_400;
    private final VerificationPace pace = new VerificationPace(DAY);

    @Test
    void aCompanyNeverVerifiedStartsItsWindowNowAndVerifiesNobodyYet() {
        assertEquals(new VerificationPace.Slice(0, 1_000), pace.slice(500, 0, 1_000));
    }

    @Test
    void anHourlyRunVerifiesATwentyFourthOfTheMembers() {
        VerificationPace.Slice slice = pace.slice(2_400, 10_000, 10_000 + 3_600);
        assertEquals(100, slice.users());
        assertEquals(10_000 + 3_600, slice.paidUntil());
    }

    @Test
    void runsSecondsApartVerifyNobodyAndLoseNoTimeOwed() {
        long paidUntil = 10_000;
        long now = paidUntil;
        long verified = 0;
        // 8,640 runs ten seconds apart: one day.
        for (int run = 0; run < 8_640; run++) {
            now += 10;
            VerificationPace.Slice slice = pace.slice(1_000, paidUntil, now);
            verified += slice.users();
            paidUntil = slice.paidUntil();
        }
        // Paying whole seconds per member rounds down, so the pace runs slightly ahead, never behind.
        assertTrue(verified >= 1_000 && verified <= 1_010,
                "every member at least once in the window, though no run earned a whole member: " + verified);
    }

    @Test
    void aRunAfterAWholeWindowOrMoreVerifiesEveryMemberOnce() {
        assertEquals(new VerificationPace.Slice(70, 500_000), pace.slice(70, 100, 500_000));
    }

    @Test
    void aCompanyWithoutMembersOwesNothing() {
        assertEquals(new VerificationPace.Slice(0, 9_000), pace.slice(0, 1_000, 9_000));
    }

    @Test
    void aWindowMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new VerificationPace(0));
    }
}
