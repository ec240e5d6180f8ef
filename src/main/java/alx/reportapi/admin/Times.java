package alx.reportapi.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Unix times and durations as the admin page writes them (UTC, like the lock's messages). */
@Named
@ApplicationScoped
public class Times {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** "2026-03-01 10:00:00 UTC", or "never" for 0. */
    public String at(long unixSeconds) {
        return unixSeconds <= 0 ? "never" : FORMAT.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** "42 s", "3 min 5 s", "2 h 1 min". */
    public String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + s % 3600 / 60 + " min";
    }
}
