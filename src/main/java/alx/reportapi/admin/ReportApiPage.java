package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.report.CompanyReportSettings;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.IssuedToken;
import alx.reportapi.report.ReportField;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.ReportToken;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report API section of the admin page: a company's report settings as the plugin's Control
 * Center has them (fields, courses, daily limit, sync mode and window), and its tokens: issue
 * (shown once), list with last use, revoke. Every change is audited.
 */
@Named
@ViewScoped
public class ReportApiPage implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int TIMEOUT_SECONDS = 10;

    @Inject
    transient Database database;

    @Inject
    transient ReportServices services;

    @Inject
    transient AdminAudit audit;

    private List<Choice> companies = new ArrayList<>();
    private long companyId;
    private List<Toggle> fields = new ArrayList<>();
    private List<Toggle> courses = new ArrayList<>();
    private String rateLimit = "0";
    private String syncMode = "0";
    private String syncWindowHours = "24";
    private String newLabel = "";
    private String newExpiry = "";
    private String issuedToken;
    private List<TokenRow> tokens = new ArrayList<>();

    @PostConstruct
    void load() {
        try {
            companies = Session.autoCommit(database, TIMEOUT_SECONDS, session -> session.list(
                    "SELECT id, name FROM {company} ORDER BY name, id", rs -> new Choice(rs.getLong(1),
                            rs.getString(2))));
        } catch (SQLException e) {
            throw new IllegalStateException("The companies could not be read: " + e.getMessage(), e);
        }
        if (!companies.isEmpty()) {
            companyId = companies.get(0).getId();
            show();
        }
    }

    /** Reads the chosen company's settings and tokens into the form. */
    public void show() {
        issuedToken = null;
        try {
            CompanyReportSettings settings = new CompanyReportSettingsStore(database).read(companyId);
            fields = new ArrayList<>();
            for (ReportField field : ReportField.values()) {
                fields.add(new Toggle(field.settingName(), field.key(), settings.fields().contains(field)));
            }
            courses = Session.autoCommit(database, TIMEOUT_SECONDS, session -> session.list("""
                    SELECT c.id, c.fullname FROM {company_course} cc JOIN {course} c ON c.id = cc.courseid
                     WHERE cc.companyid = ? AND c.id <> 1 ORDER BY c.fullname, c.id""",
                    rs -> new Toggle(CompanyReportSettings.COURSE_PREFIX + rs.getLong(1), rs.getString(2),
                            !settings.disabledCourses().contains(rs.getLong(1))), companyId));
            rateLimit = Long.toString(settings.rateLimit());
            syncMode = Integer.toString(settings.syncMode());
            syncWindowHours = Long.toString(settings.syncWindowHours());
            tokens = services.tokens().list(Optional.of(companyId)).stream().map(TokenRow::new).toList();
        } catch (SQLException e) {
            throw new IllegalStateException("The report settings could not be read: " + e.getMessage(), e);
        }
    }

    public void saveSettings() throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Toggle toggle : fields) {
            values.put(toggle.getName(), toggle.isOn() ? 1L : 0L);
        }
        for (Toggle toggle : courses) {
            values.put(toggle.getName(), toggle.isOn() ? 1L : 0L);
        }
        try {
            values.put(CompanyReportSettings.RATE_LIMIT, whole("Daily request limit", rateLimit));
            values.put(CompanyReportSettings.SYNC_MODE, whole("Sync mode", syncMode));
            values.put(CompanyReportSettings.SYNC_WINDOW_HOURS, whole("Sync window", syncWindowHours));
            new CompanyReportSettingsStore(database).save(companyId, values);
        } catch (IllegalArgumentException e) {
            Messages.error("Not saved: " + e.getMessage());
            return;
        }
        audit.done("report_settings_saved", "company " + companyId, values.toString());
        Messages.info("Report settings of company " + companyId + " saved.");
        show();
    }

    public void issue() throws SQLException {
        Long expiresAt = null;
        if (newExpiry != null && !newExpiry.isBlank()) {
            try {
                expiresAt = LocalDate.parse(newExpiry.strip()).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
            } catch (DateTimeParseException e) {
                Messages.error("The expiry must be a date like 2027-01-31, or empty for a token that does not expire.");
                return;
            }
        }
        long now = Session.autoCommit(database, TIMEOUT_SECONDS, Session::now);
        IssuedToken issued;
        try {
            issued = services.tokens().issue(companyId, newLabel, expiresAt, audit.adminName(), now);
        } catch (IllegalArgumentException e) {
            Messages.error("No token issued: " + e.getMessage());
            return;
        }
        audit.done("report_token_issue", "company " + companyId, "token " + issued.token().id() + " ("
                + issued.token().publicId() + ") '" + issued.token().label() + "'");
        show();
        issuedToken = issued.secretText();
        newLabel = "";
        newExpiry = "";
        Messages.info("Token issued. Copy it now: it is shown only once.");
    }

    public void revoke(long tokenId) throws SQLException {
        long now = Session.autoCommit(database, TIMEOUT_SECONDS, Session::now);
        Optional<ReportToken> revoked = services.tokens().revoke(tokenId, now, audit.adminName())
                .filter(token -> token.companyId() == companyId);
        if (revoked.isEmpty()) {
            Messages.error("There is no token " + tokenId + " of this company.");
            return;
        }
        audit.done("report_token_revoke", "company " + companyId, "token " + tokenId + " ("
                + revoked.get().publicId() + ")");
        Messages.info("Token " + revoked.get().label() + " revoked.");
        show();
    }

    private static long whole(String what, String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number");
        }
    }

    public List<Choice> getCompanies() {
        return companies;
    }

    public long getCompanyId() {
        return companyId;
    }

    public void setCompanyId(long companyId) {
        this.companyId = companyId;
    }

    public List<Toggle> getFields() {
        return fields;
    }

    public List<Toggle> getCourses() {
        return courses;
    }

    public String getRateLimit() {
        return rateLimit;
    }

    public void setRateLimit(String rateLimit) {
        this.rateLimit = rateLimit;
    }

    public String getSyncMode() {
        return syncMode;
    }

    public void setSyncMode(String syncMode) {
        this.syncMode = syncMode;
    }

    public String getSyncWindowHours() {
        return syncWindowHours;
    }

    public void setSyncWindowHours(String syncWindowHours) {
        this.syncWindowHours = syncWindowHours;
    }

    public String getNewLabel() {
        return newLabel;
    }

    public void setNewLabel(String newLabel) {
        this.newLabel = newLabel;
    }

    public String getNewExpiry() {
        return newExpiry;
    }

    public void setNewExpiry(String newExpiry) {
        this.newExpiry = newExpiry;
    }

    public String getIssuedToken() {
        return issuedToken;
    }

    public List<TokenRow> getTokens() {
        return tokens;
    }

    /** A company to choose. */
    public static final class Choice implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String name;

        Choice(long id, String name) {
            this.id = id;
            this.name = name;
        }

        public long getId() {
            return id;
        }

        public String getName() {
            return name;
        }
    }

    /** A field or course switched on or off for the company. */
    public static final class Toggle implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final String label;
        private boolean on;

        Toggle(String name, String label, boolean on) {
            this.name = name;
            this.label = label;
            this.on = on;
        }

        public String getName() {
            return name;
        }

        public String getLabel() {
            return label;
        }

        public boolean isOn() {
            return on;
        }

        public void setOn(boolean on) {
            this.on = on;
        }
    }

    /** A token as the list shows it: never its secret. */
    public static final class TokenRow implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String label;
        private final String publicId;
        private final String created;
        private final String expires;
        private final String revoked;
        private final String lastUsed;

        TokenRow(ReportToken token) {
            this.id = token.id();
            this.label = token.label();
            this.publicId = token.publicId();
            this.created = time(token.createdAt()) + " by " + token.createdBy();
            this.expires = token.expiresAt() == null ? "never" : time(token.expiresAt());
            this.revoked = token.revokedAt() == null ? "" : time(token.revokedAt());
            this.lastUsed = token.lastUsedAt() == null ? "never" : time(token.lastUsedAt()) + " from "
                    + token.lastUsedIp();
        }

        private static String time(long unixSeconds) {
            return Instant.ofEpochSecond(unixSeconds).toString();
        }

        public long getId() {
            return id;
        }

        public String getLabel() {
            return label;
        }

        public String getPublicId() {
            return publicId;
        }

        public String getCreated() {
            return created;
        }

        public String getExpires() {
            return expires;
        }

        public String getRevoked() {
            return revoked;
        }

        public boolean isActive() {
            return revoked.isEmpty();
        }

        public String getLastUsed() {
            return lastUsed;
        }
    }
}
