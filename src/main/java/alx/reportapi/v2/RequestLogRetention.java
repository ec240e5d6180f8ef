package alx.reportapi.v2;

import alx.reportapi.Plugin;
import alx.reportapi.db.Session;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.RequestQuota;
import alx.reportapi.settings.SettingsStore;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Once a day, purges report API request log entries older than {@code log_retention_days} (0
 * keeps them) and rate-limit counters of windows that ended more than two days ago. Every node
 * may run it: deleting what is old is the same whoever does it.
 */
@Singleton
public class RequestLogRetention {

    private static final Logger LOG = Logger.getLogger(RequestLogRetention.class.getName());
    private static final long DAY = 86_400;

    @Inject
    ReportServices services;

    @Schedule(hour = "3", minute = "41", persistent = false, info = "report API log retention")
    void daily() {
        try {
            purge();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "report API log retention failed; it runs again tomorrow", e);
        }
    }

    /** Returns the request log entries deleted. */
    int purge() throws SQLException {
        long now = Session.autoCommit(services.database(), 10, Session::now);
        int days = new SettingsStore(services.database()).current().logRetentionDays();
        int entries = days == 0 ? 0 : services.requestLog().purge(now - days * DAY);
        int counters = Session.autoCommit(services.database(), 60, session -> RequestQuota.purge(session, now - 2 * DAY));
        LOG.info(() -> Plugin.LOG_PREFIX + "report API retention: " + entries + " request log entries and " + counters
                + " rate counters purged");
        return entries;
    }
}
