package alx.reportapi.report;

import alx.reportapi.Plugin;
import alx.reportapi.db.AlxDatabase;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Logger;

/**
 * The time zone the compatible endpoint writes its dates in and counts its days by, as the PHP
 * plugin used the server's default zone: {@code ALX_TIMEZONE} (an IANA name such as
 * {@code Europe/Berlin}), else the JVM's default zone.
 */
public final class ReportZone {

    public static final String CONFIG_KEY = "ALX_TIMEZONE";
    private static final Logger LOG = Logger.getLogger(ReportZone.class.getName());
    private static final DateTimeFormatter PHP_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    public ReportZone(ZoneId zone) {
        this.zone = zone;
    }

    /** The configured zone; a name the JVM does not know is logged and the JVM's zone used. */
    public static ReportZone configured() {
        return new ReportZone(AlxDatabase.configValue(CONFIG_KEY).map(String::trim).filter(name -> !name.isEmpty())
                .map(ReportZone::parse).orElse(ZoneId.systemDefault()));
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code yyyy-MM-dd HH:mm:ss} in the zone, or {@code ""} for 0 (never happened). */
    public String phpDateTime(long unixSeconds) {
        return unixSeconds == 0 ? "" : PHP_DATE_TIME.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
    }

    /** Unix time of the midnight that began the day containing {@code unixSeconds}. */
    public long startOfDay(long unixSeconds) {
        LocalDate day = Instant.ofEpochSecond(unixSeconds).atZone(zone).toLocalDate();
        return day.atStartOfDay(zone).toEpochSecond();
    }

    /** Unix time of the next midnight after {@code unixSeconds}. */
    public long nextDay(long unixSeconds) {
        LocalDate day = Instant.ofEpochSecond(unixSeconds).atZone(zone).toLocalDate();
        return day.plusDays(1).atStartOfDay(zone).toEpochSecond();
    }

    private static ZoneId parse(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            ZoneId fallback = ZoneId.systemDefault();
            LOG.warning(() -> Plugin.LOG_PREFIX + CONFIG_KEY + " is '" + name + "', which is not a time zone this"
                    + " JVM knows (use an IANA name such as Europe/Berlin); " + fallback + " is used instead");
            return fallback;
        }
    }
}
