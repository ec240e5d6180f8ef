package alx.reportapi.webservice;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.report.CompanyReportSettings;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.ProgressRow;
import alx.reportapi.report.ReportField;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.RequestQuota;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSettings;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code local_alx_report_api_get_course_progress} as plugin 1.9.0 runs it behind Moodle's REST
 * server, step by step in the same order, so that every error a client can provoke is the one it
 * got from the plugin (README, Behavior 18).
 */
final class CourseProgressFunction {

    static final String NAME = "local_alx_report_api_get_course_progress";
    static final long DEFAULT_LIMIT = 100;
    private static final Logger LOG = Logger.getLogger(CourseProgressFunction.class.getName());
    private static final int TIMEOUT_SECONDS = 30;

    private final Database database;
    private final ReportZone zone;

    CourseProgressFunction(Database database, ReportZone zone) {
        this.database = database;
        this.zone = zone;
    }

    /** The answer in the call's format: a page of rows or an error, both sent with HTTP 200. */
    CompatAnswer answer(WebServiceCall call) {
        RestFormat format = RestFormat.of(call.format());
        try {
            Page page = Session.autoCommit(database, TIMEOUT_SECONDS, session -> run(session, call));
            return page.error() != null
                    ? new CompatAnswer(format.error(page.error()), page.error(), 0, page.companyId())
                    : new CompatAnswer(format.rows(page.rows(), page.fields(), zone), null, page.rows().size(),
                            page.companyId());
        } catch (SQLException e) {
            LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "web service call failed reading the database", e);
            MoodleException error = MoodleException.databaseRead();
            return new CompatAnswer(format.error(error), error, 0, null);
        }
    }

    /** The call's page, or the error the plugin answers it with, naming the company once the token does. */
    private Page run(Session session, WebServiceCall call) throws SQLException {
        long now = session.now();
        TokenUser user;
        try {
            user = MoodleTokens.authenticate(session, call.token(), call.remoteAddress(), now);
        } catch (MoodleException e) {
            return Page.refused(e, null);
        }
        List<Long> companies = session.list("SELECT companyid FROM {company_users} WHERE userid = ?"
                + " ORDER BY companyid LIMIT 2", rs -> rs.getLong(1), user.userId());
        Optional<Long> company = companies.size() == 1 ? Optional.of(companies.get(0)) : Optional.empty();
        try {
            return serve(session, call, user, companies, company, now);
        } catch (MoodleException e) {
            return Page.refused(e, company.orElse(null));
        }
    }

    private Page serve(Session session, WebServiceCall call, TokenUser user, List<Long> companies,
            Optional<Long> company, long now) throws SQLException, MoodleException {
        MoodleTokens.requireFunction(session, user, call.function(), call.remoteAddress(), now);
        if (!NAME.equals(call.function())) {
            // A function Moodle knows but this server does not serve: its service cannot be used here.
            throw MoodleException.accessException();
        }
        for (String name : call.parameters().keySet()) {
            if (!name.equals("limit") && !name.equals("offset")) {
                throw MoodleException.invalidParameter();
            }
        }
        long limit = integer(call.parameters(), "limit", DEFAULT_LIMIT);
        long offset = integer(call.parameters(), "offset", 0);
        SyncSettings settings = new SettingsStore(database).current();
        long dayStart = zone.startOfDay(now);
        if (limit < 1 || limit > settings.maxRecords() || offset < 0) {
            // The plugin logs these refusals, and its log is its quota: they count.
            if (company.isPresent()) {
                RequestQuota.charge(session, RequestQuota.Scope.COMPANY, company.get(), dayStart);
            }
            throw limit < 1 ? MoodleException.plugin("invalidlimit")
                    : limit > settings.maxRecords() ? MoodleException.plugin("limittoolarge",
                            "Requested limit is too large. Maximum allowed records per request is "
                                    + settings.maxRecords() + ". Please reduce your limit parameter and try again.")
                    : MoodleException.plugin("invalidoffset");
        }
        CompanyReportSettings companySettings = null;
        if (company.isPresent()) {
            companySettings = new CompanyReportSettingsStore(database).read(session, company.get());
            long quota = companySettings.rateLimit() > 0 ? companySettings.rateLimit() : settings.rateLimit();
            if (!RequestQuota.take(session, RequestQuota.Scope.COMPANY, company.get(), dayStart, quota)) {
                throw MoodleException.rateLimitExceeded();
            }
        }
        if ("GET".equals(call.method()) && !settings.allowGetMethod()) {
            throw MoodleException.plugin("invalidrequestmethod", "Only POST method is allowed for security reasons");
        }
        if (companies.isEmpty()) {
            throw MoodleException.plugin("nocompanyassociation", "User is not associated with any company");
        }
        if (company.isEmpty()) {
            throw MoodleException.plugin("multiplecompanies", "User " + user.username() + " belongs to more than"
                    + " one company, so the token does not say whose report to read: issue the token to a user of"
                    + " one company only");
        }
        return page(session, companySettings, call.bearer(), limit, offset, now);
    }

    private Page page(Session session, CompanyReportSettings settings, String bearer, long limit, long offset,
            long now) throws SQLException {
        long companyId = settings.companyId();
        String tokenHash = CompatSyncState.tokenHash(bearer);
        Optional<CompatSyncState.State> state = CompatSyncState.read(session, companyId, tokenHash);
        CompatSyncState.Mode mode = CompatSyncState.mode(settings, state, now);
        // The page's ids are found first, in the index on (companyid, is_deleted, userid, courseid)
        // alone, and only its rows are read: an offset then skips index entries, not whole rows
        // (the last page of a 510,000-row company took 2.2 s reading every row before it, 0.3 s so;
        // docs/BENCHMARKS.md, "The report API"). Same rows, same order as the plugin's query.
        List<Object> parameters = new ArrayList<>();
        StringBuilder page = new StringBuilder("SELECT id FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND is_deleted = 0");
        parameters.add(companyId);
        Set<Long> disabled = settings.disabledCourses();
        if (!disabled.isEmpty()) {
            page.append(" AND courseid NOT IN (").append("?,".repeat(disabled.size() - 1)).append("?)");
            parameters.addAll(disabled);
        }
        String order;
        if (mode == CompatSyncState.Mode.INCREMENTAL) {
            long watermark = state.map(CompatSyncState.State::watermark).orElse(0L);
            page.append(" AND last_updated > ?");
            parameters.add(watermark);
            order = " ORDER BY last_updated DESC, userid, courseid";
        } else {
            order = " ORDER BY userid, courseid";
        }
        page.append(order).append(" LIMIT ? OFFSET ?");
        parameters.add(limit);
        parameters.add(offset);
        String sql = "SELECT " + ProgressRow.COLUMNS + " FROM {local_alx_api_reporting} r JOIN (" + page
                + ") page ON page.id = r.id" + order;
        List<ProgressRow> rows = session.list(sql, ProgressRow::read, parameters.toArray());
        if (rows.isEmpty()) {
            CompatSyncState.emptyPageRead(session, companyId, tokenHash, now);
        }
        Set<ReportField> fields = settings.fields();
        return new Page(rows, fields, null, companyId);
    }

    /**
     * A parameter as Moodle's PARAM_INT validation accepts it: exactly what PHP's integer cast
     * prints back ("5", "-3"; not "05", "+5", "5.0" or "").
     */
    private static long integer(Map<String, String> parameters, String name, long fallback) throws MoodleException {
        String text = parameters.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (!Long.toString(value).equals(text)) {
                throw MoodleException.invalidParameter();
            }
            return value;
        } catch (NumberFormatException e) {
            throw MoodleException.invalidParameter();
        }
    }

    private record Page(List<ProgressRow> rows, Set<ReportField> fields, MoodleException error, Long companyId) {

        static Page refused(MoodleException error, Long companyId) {
            return new Page(List.of(), Set.of(), error, companyId);
        }
    }
}
