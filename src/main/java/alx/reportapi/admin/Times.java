package alx.reportapi.admin;

import alx.reportapi.report.ReportZone;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Unix times and durations as the admin pages write them. Every time shown was taken on the
 * database clock (README, Behavior 23); it is written in the site's zone, the one the web
 * service's dates use ({@link ReportZone}: {@code ALX_TIMEZONE}, else the server's), and the zone
 * is always named, so that nobody mistakes one zone's time for another's.
 */
@Named
@ApplicationScoped
public class Times {

    private final ZoneId zone;
    private final DateTimeFormatter format;

    public Times() {
        this(ReportZone.configured().zone());
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
}
