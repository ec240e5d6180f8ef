package alx.reportapi.admin;

import alx.reportapi.Plugin;
import alx.reportapi.db.AlxDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Unix times and durations as the admin pages write them. Every time shown was taken on the
 * database clock (README, Behavior 20); it is written in the operator's zone, {@value #TIME_ZONE}
 * (an IANA name such as {@code Europe/Berlin}), or the server's own when that is not set, and the
 * zone is always named, so that nobody mistakes one zone's time for another's.
 */
@Named
@ApplicationScoped
public class Times {

    public static final String TIME_ZONE = "ALX_TIME_ZONE";
    private static final Logger LOG = Logger.getLogger(Times.class.getName());

    private final ZoneId zone;
    private final DateTimeFormatter format;

    public Times() {
        this(configuredZone());
    }

    Times(ZoneId zone) {
        this.zone = zone;
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss VV").withZone(zone);
    }

    /** "2026-03-01 11:00:00 Europe/Berlin", or "never" for 0. */
    public String at(long unixSeconds) {
        return unixSeconds <= 0 ? "never" : format.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** The zone's name as the page states it once: "Europe/Berlin". */
    public String getZone() {
        return zone.getId();
    }

    /** "42 s", "3 min 5 s", "2 h 1 min", "3 d 4 h". */
    public String duration(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    static ZoneId configuredZone() {
        Optional<String> configured = AlxDatabase.configValue(TIME_ZONE).map(String::strip).filter(z -> !z.isEmpty());
        if (configured.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(configured.get());
        } catch (DateTimeException e) {
            LOG.warning(() -> Plugin.LOG_PREFIX + TIME_ZONE + " is '" + configured.get() + "', which is not a time"
                    + " zone (use an IANA name such as Europe/Berlin); the admin pages show times in UTC");
            return ZoneId.of("UTC");
        }
    }
}
