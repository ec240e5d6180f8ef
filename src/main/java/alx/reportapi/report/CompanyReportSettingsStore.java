package alx.reportapi.report;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.db.Transaction;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Reads and saves per-company report settings. Values are saved as full integers in the API's
 * own table; a row of the PHP plugin's {@code local_alx_api_settings} is read as the value adopted
 * from the plugin, unless the API's table has the same name (README, Behavior 19). Saving checks
 * every value first and writes nothing when one is refused.
 */
public final class CompanyReportSettingsStore {

    private static final Logger LOG = Logger.getLogger(CompanyReportSettingsStore.class.getName());
    private static final int TIMEOUT_SECONDS = 10;

    private final Database database;

    public CompanyReportSettingsStore(Database database) {
        this.database = database;
    }

    public CompanyReportSettings read(long companyId) throws SQLException {
        return Session.autoCommit(database, TIMEOUT_SECONDS, session -> read(session, companyId));
    }

    public CompanyReportSettings read(Session session, long companyId) throws SQLException {
        Map<String, Long> values = new HashMap<>();
        for (String[] adopted : session.list("SELECT setting_name, setting_value FROM {local_alx_api_settings}"
                + " WHERE companyid = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, companyId)) {
            whole(adopted[1]).filter(value -> ReportSettingRule.problem(adopted[0], value).isEmpty())
                    .ifPresent(value -> values.put(adopted[0], value));
        }
        for (Object[] own : session.list("SELECT setting_name, setting_value FROM {local_alx_api_report_settings}"
                + " WHERE companyid = ?", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, companyId)) {
            values.put((String) own[0], (Long) own[1]);
        }
        return new CompanyReportSettings(companyId, values);
    }

    /**
     * Checks every value, then stores them all in one transaction.
     *
     * @throws IllegalArgumentException with the reason for the first refused value; nothing is written
     */
    public void save(long companyId, Map<String, Long> values) throws SQLException {
        Map<String, Long> sorted = new TreeMap<>(values);
        sorted.forEach((name, value) -> ReportSettingRule.problem(name, value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + "; nothing was saved");
        }));
        Transaction.run(database, TIMEOUT_SECONDS, session -> {
            if (session.number("SELECT COUNT(*) FROM {company} WHERE id = ?", companyId) == 0) {
                throw new IllegalArgumentException("there is no company " + companyId + "; nothing was saved");
            }
            for (Map.Entry<String, Long> entry : sorted.entrySet()) {
                session.update("""
                        INSERT INTO {local_alx_api_report_settings}
                               (companyid, setting_name, setting_value, timecreated, timemodified)
                        VALUES (?, ?, ?, ?, ?)
                        ON DUPLICATE KEY UPDATE setting_value = VALUES(setting_value),
                               timemodified = VALUES(timemodified)""",
                        companyId, entry.getKey(), entry.getValue(), session.now(), session.now());
            }
            return null;
        });
        LOG.info(() -> Plugin.LOG_PREFIX + "report settings of company " + companyId + " saved: " + sorted);
    }

    private static Optional<Long> whole(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
