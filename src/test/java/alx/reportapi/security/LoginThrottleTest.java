package alx.reportapi.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-03-01T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aNameIsLockedOutAfterTheFifthFailureAndFreeAgainAfterTheLockout() {
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("admin");
            assertEquals(0, throttle.secondsLocked("admin"), "after failure " + i);
        }
        throttle.failed("Admin ");
        assertTrue(throttle.secondsLocked("admin") > 0, "names are compared as typed, ignoring case and spaces");
        assertEquals(0, throttle.secondsLocked("someone-else"));
        now = now.plus(LoginThrottle.LOCKOUT).plusSeconds(1);
        assertEquals(0, throttle.secondsLocked("admin"));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("admin");
        }
        now = now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        throttle.failed("admin");
        assertEquals(0, throttle.secondsLocked("admin"));
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 1; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.failed("admin");
        }
        throttle.succeeded("admin");
        throttle.failed("admin");
        assertEquals(0, throttle.secondsLocked("admin"));
    }
}
