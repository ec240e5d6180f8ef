package alx.reportapi.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed logins for a user name within
 * {@link #WINDOW}, further attempts for that name are refused for {@link #LOCKOUT}, whatever the
 * password. Per node and in memory: enough to make online guessing of a PBKDF2-hashed password
 * pointless, without a table.
 */
@ApplicationScoped
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(5);
    /** Bounds the memory a flood of invented user names can take. */
    static final int MAX_TRACKED_NAMES = 10_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until this name may try again; 0 when it may try now. */
    public long secondsLocked(String user) {
        Failures record = failures.get(key(user));
        if (record == null || record.lockedUntil == null) {
            return 0;
        }
        long seconds = Duration.between(clock.instant(), record.lockedUntil).toSeconds();
        return Math.max(0, seconds + 1);
    }

    public void failed(String user) {
        if (failures.size() >= MAX_TRACKED_NAMES) {
            failures.entrySet().removeIf(e -> e.getValue().expired(clock.instant()));
            if (failures.size() >= MAX_TRACKED_NAMES) {
                failures.clear();
            }
        }
        Instant now = clock.instant();
        failures.compute(key(user), (name, record) -> {
            Failures next = record == null || record.expired(now) ? new Failures(now) : record;
            next.count++;
            if (next.count >= MAX_FAILURES) {
                next.lockedUntil = now.plus(LOCKOUT);
            }
            return next;
        });
    }

    public void succeeded(String user) {
        failures.remove(key(user));
    }

    private static String key(String user) {
        String name = user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static final class Failures {
        final Instant firstAt;
        int count;
        Instant lockedUntil;

        Failures(Instant firstAt) {
            this.firstAt = firstAt;
        }

        boolean expired(Instant now) {
            boolean lockOver = lockedUntil == null || now.isAfter(lockedUntil);
            return lockOver && now.isAfter(firstAt.plus(WINDOW));
        }
    }
}
