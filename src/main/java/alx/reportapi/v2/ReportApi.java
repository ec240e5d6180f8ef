package alx.reportapi.v2;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Retry;
import alx.reportapi.db.Session;
import alx.reportapi.report.ChangePosition;
import alx.reportapi.report.CompanyReportSettings;
import alx.reportapi.report.CompanyReportSettingsStore;
import alx.reportapi.report.ProgressChange;
import alx.reportapi.report.ProgressPages;
import alx.reportapi.report.ProgressRow;
import alx.reportapi.report.ReportField;
import alx.reportapi.report.ReportToken;
import alx.reportapi.report.ReportTokens;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.RequestQuota;
import alx.reportapi.report.SigningKey;
import alx.reportapi.report.TokenCheck;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.settings.SyncSettings;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The report API's answers (README, Behaviors 24 and 25), independent of the servlet that carries
 * them. Every query is bound to the company of the token; a cursor or watermark is signed and
 * names that company, so one from another company, another query or altered by a client is
 * refused, never read.
 */
public final class ReportApi {

    public static final int DEFAULT_PAGE_SIZE = 1000;
    public static final int MAX_PAGE_SIZE = 10_000;
    /**
     * Changes are served once they are this old: a sync transaction that stamped a row and commits
     * within this time is still seen by a client whose watermark passed the stamp.
     */
    public static final long DEFAULT_SETTLE_SECONDS = 60;
    /** A watermark older than this may have lost tombstones the sync has since purged. */
    public static final long TOMBSTONE_RETENTION_SECONDS = 35L * 86_400;
    /** A snapshot cursor is good for a day: long enough for any refresh, short enough to rotate. */
    static final long CURSOR_LIFETIME_SECONDS = 86_400;
    private static final Logger LOG = Logger.getLogger(ReportApi.class.getName());
    private static final Pattern POSITIVE = Pattern.compile("[1-9][0-9]{0,17}");
    private static final Pattern BEARER = Pattern.compile("Bearer\\s+(\\S{1,200})");
    private static final Set<String> SNAPSHOT_PARAMETERS = Set.of("page_size", "cursor", "course_id", "fields",
            "api_key");
    private static final Set<String> CHANGES_PARAMETERS = Set.of("page_size", "since", "cursor", "course_id",
            "api_key");
    private static final int TIMEOUT_SECONDS = 30;
    /** Made once: finding the JSON-P provider is a service lookup, not worth paying per answer. */
    private static final JsonGeneratorFactory JSON = Json.createGeneratorFactory(Map.of());

    private final Database database;
    private final ReportTokens tokens;
    private final SigningKey key;
    private final ReportZone zone;
    private final long settleSeconds;

    public ReportApi(Database database, ReportTokens tokens, SigningKey key, ReportZone zone, long settleSeconds) {
        this.database = database;
        this.tokens = tokens;
        this.key = key;
        this.zone = zone;
        this.settleSeconds = settleSeconds;
    }

    /**
     * Answers one request on one pooled connection, which serves every statement it makes: the
     * clock, the token, the settings, the admission and the page. A request refused before it needs
     * the database (its method, a missing or malformed token) takes none.
     */
    public ApiAnswer answer(ApiRequest request, String requestId) {
        String presented;
        try {
            if (!"GET".equals(request.method())) {
                throw new ApiProblem(405, "method_not_allowed", "The report API is read-only: use GET.",
                        Map.of("Allow", "GET"));
            }
            presented = presentedToken(request);
        } catch (ApiProblem problem) {
            return problem(problem, requestId, null);
        }
        try {
            return Session.autoCommit(database, TIMEOUT_SECONDS, session -> answer(session, request, presented,
                    requestId));
        } catch (SQLException | RuntimeException e) {
            return failed(e, requestId, null);
        }
    }

    private ApiAnswer answer(Session session, ApiRequest request, String presented, String requestId) {
        ReportToken token = null;
        try {
            long now = session.now();
            token = authenticate(session, presented, now, request.clientIp());
            SyncSettings settings = new SettingsStore(database).current(session);
            return route(session, request, token, settings, now);
        } catch (ApiProblem problem) {
            return problem(problem, requestId, token);
        } catch (SQLException | RuntimeException e) {
            return failed(e, requestId, token);
        }
    }

    private ApiAnswer failed(Exception failure, String requestId, ReportToken token) {
        LOG.log(Level.SEVERE, Plugin.LOG_PREFIX + "report API request " + requestId + " failed", failure);
        return problem(new ApiProblem(500, "internal", "The request failed on the server; its log has the details"
                + " under request id " + requestId + "."), requestId, token);
    }

    /** The token the request presents, as a bearer token or the api_key parameter. */
    private static String presentedToken(ApiRequest request) throws ApiProblem {
        String presented = null;
        if (request.authorization() != null) {
            var bearer = BEARER.matcher(request.authorization().trim());
            if (!bearer.matches()) {
                throw unauthorized("invalid_token", "The Authorization header must be 'Bearer <token>'.");
            }
            presented = bearer.group(1);
        } else {
            List<String> apiKey = request.parameters().getOrDefault("api_key", List.of());
            if (apiKey.size() == 1) {
                presented = apiKey.get(0);
            }
        }
        if (presented == null) {
            throw unauthorized("invalid_token", "Send the report API token as 'Authorization: Bearer <token>' or as"
                    + " the api_key query parameter.");
        }
        return presented;
    }

    private ReportToken authenticate(Session session, String presented, long now, String clientIp)
            throws SQLException, ApiProblem {
        TokenCheck check = tokens.check(session, presented, now, clientIp);
        if (!check.admitted()) {
            throw unauthorized(check.refusal(), "token_expired".equals(check.refusal())
                    ? "The token has expired: ask an admin for a new one."
                    : "The token is not valid: it is unknown, revoked or mistyped.");
        }
        return check.token();
    }

    private ApiAnswer route(Session session, ApiRequest request, ReportToken token, SyncSettings settings, long now)
            throws SQLException, ApiProblem {
        CompanyReportSettings company = new CompanyReportSettingsStore(database).read(session, token.companyId());
        return switch (request.resource()) {
            case "course-progress" -> snapshot(session, request, token, company, settings, now);
            case "course-progress/changes" -> changes(session, request, token, company, settings, now);
            case "whoami" -> {
                admit(session, token, company, settings, now, false);
                yield whoami(session, token, company, settings, now);
            }
            default -> throw new ApiProblem(404, "not_found", "There is no report API resource '"
                    + request.resource() + "'; there are course-progress, course-progress/changes and whoami.");
        };
    }

    /**
     * The token's per-minute limit, then the company's daily quota, each counted before any work;
     * a request refused for its parameters is not counted. Each count commits by itself: a counter's
     * conditional UPDATE is atomic alone, so neither needs the other in its transaction, and a
     * transaction of its own would add more round trips (auto-commit off, its isolation, the commit,
     * both restored) than the second commit's redo-log flush costs. A request the daily quota
     * refuses keeps its count of the minute; a request the minute refuses is not counted for the day.
     * <p>
     * The daily quota counts reads, not pages (README, Behavior 24): a snapshot or a change feed
     * counts on its first page, and the pages after it, which carry that read's signed cursor,
     * count against the token's minute only. Counted per page, one refresh of a large company
     * would spend the whole day's quota before its end.
     *
     * @param startsARead the request is a read's first page: it counts for the company's day
     */
    private void admit(Session session, ReportToken token, CompanyReportSettings company, SyncSettings settings,
            long now, boolean startsARead) throws SQLException, ApiProblem {
        long minute = now - Math.floorMod(now, 60);
        if (!take(session, RequestQuota.Scope.TOKEN, token.id(), minute, settings.tokenRateLimitPerMinute())) {
            throw ApiProblem.rateLimited(RequestQuota.Scope.TOKEN, "This token made "
                    + settings.tokenRateLimitPerMinute() + " requests this minute, its limit.", minute + 60 - now);
        }
        long limit = dailyLimit(company, settings);
        if (startsARead && !take(session, RequestQuota.Scope.COMPANY, token.companyId(), zone.startOfDay(now),
                limit)) {
            throw ApiProblem.rateLimited(RequestQuota.Scope.COMPANY, "The company made " + limit
                    + " report API requests today, its daily limit.", zone.nextDay(now) - now);
        }
    }

    /**
     * One request from a quota. Each of its statements commits alone, and one that fails is rolled
     * back having counted nothing, so a take that InnoDB picked as a lock's victim is tried again.
     */
    private static boolean take(Session session, RequestQuota.Scope scope, long id, long windowStart, long limit)
            throws SQLException {
        return Retry.standard().run("count a report API request against its " + scope + " limit",
                () -> RequestQuota.take(session, scope, id, windowStart, limit));
    }

    private ApiAnswer snapshot(Session session, ApiRequest request, ReportToken token, CompanyReportSettings company,
            SyncSettings settings, long now) throws SQLException, ApiProblem {
        requireOnly(request, SNAPSHOT_PARAMETERS);
        int pageSize = pageSize(request);
        Set<Long> courses = courses(request);
        Set<ReportField> fields = fields(request, company);
        String query = queryHash(courses, fields);
        long afterUser = 0;
        long afterCourse = 0;
        long watermark = now - settleSeconds;
        Optional<String> cursorText = single(request, "cursor");
        if (cursorText.isPresent()) {
            String[] cursor = decode(cursorText.get(), "s", token.companyId(), 6);
            if (!cursor[4].equals(query)) {
                throw ApiProblem.badCursor("The cursor belongs to another query: send the same course_id and"
                        + " fields as the first page.");
            }
            if (Long.parseLong(cursor[5]) < now) {
                throw ApiProblem.badCursor("The cursor has expired: start the snapshot again without a cursor.");
            }
            afterUser = Long.parseLong(cursor[1]);
            afterCourse = Long.parseLong(cursor[2]);
            watermark = Long.parseLong(cursor[3]);
        }
        admit(session, token, company, settings, now, cursorText.isEmpty());
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + pageSize * 420);
        int rows;
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject().writeStartArray("data");
            SnapshotPage page = new SnapshotPage(json, pageSize, fields);
            ProgressPages.snapshot(session, token.companyId(), afterUser, afterCourse, courses,
                    company.disabledCourses(), pageSize + 1, page);
            json.writeEnd();
            writeFields(json, fields);
            if (page.more) {
                ProgressRow last = page.last;
                json.write("next_cursor", key.sign(String.join("|", "s", Long.toString(token.companyId()),
                        Long.toString(last.userId()), Long.toString(last.courseId()), Long.toString(watermark), query,
                        Long.toString(now + CURSOR_LIFETIME_SECONDS))));
            } else {
                json.writeNull("next_cursor");
            }
            json.write("watermark", position(token.companyId(), ChangePosition.after(watermark)));
            json.write("as_of", V2Rows.iso(now));
            json.writeEnd();
            rows = page.written;
        }
        return ok(body, rows, token);
    }

    private ApiAnswer changes(Session session, ApiRequest request, ReportToken token, CompanyReportSettings company,
            SyncSettings settings, long now) throws SQLException, ApiProblem {
        requireOnly(request, CHANGES_PARAMETERS);
        int pageSize = pageSize(request);
        Set<Long> courses = courses(request);
        Optional<String> since = single(request, "since");
        Optional<String> cursor = single(request, "cursor");
        if (since.isPresent() == cursor.isPresent()) {
            throw ApiProblem.badParameter("Send exactly one of since (the watermark of a snapshot or of the last"
                    + " changes read) and cursor (the next_cursor of the previous page).");
        }
        String[] parts = decode(since.orElseGet(cursor::get), "c", token.companyId(), 4);
        ChangePosition from = new ChangePosition(Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                Long.parseLong(parts[3]));
        long epoch = session.number("SELECT MAX(timemodified) FROM {local_alx_api_report_settings} WHERE companyid = ?",
                token.companyId());
        if (from.lastUpdated() < now - TOMBSTONE_RETENTION_SECONDS || from.lastUpdated() < epoch) {
            throw new ApiProblem(410, "resync_required", from.lastUpdated() < epoch
                    ? "The company's report settings changed after this watermark: take a new snapshot."
                    : "This watermark is older than the deletions kept: take a new snapshot.");
        }
        admit(session, token, company, settings, now, since.isPresent());
        long settled = now - settleSeconds;
        List<ProgressChange> changes = ProgressPages.changes(session, token.companyId(), from, settled, courses,
                company.disabledCourses(), pageSize + 1);
        boolean more = changes.size() > pageSize;
        List<ProgressChange> page = more ? changes.subList(0, pageSize) : changes;
        Set<ReportField> fields = company.fields();
        ProgressRow last = page.isEmpty() ? null : page.get(page.size() - 1).row();
        ChangePosition reached = last == null ? from
                : new ChangePosition(last.lastUpdated(), last.userId(), last.courseId());
        if (!more && reached.lastUpdated() < settled) {
            // Everything stamped up to the settled time has been served.
            reached = ChangePosition.after(settled);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256 + page.size() * 440);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject().writeStartArray("changes");
            for (ProgressChange change : page) {
                ProgressRow row = change.row();
                json.writeStartObject();
                json.write("op", row.deleted() ? "delete" : "upsert");
                if (row.deleted()) {
                    json.writeStartObject("key").write("userid", row.userId()).write("courseid", row.courseId())
                            .writeEnd();
                    json.write("last_updated", V2Rows.iso(row.lastUpdated()));
                    if (change.reason() == null) {
                        json.writeNull("reason");
                    } else {
                        json.write("reason", change.reason());
                    }
                } else {
                    V2Rows.write(json, "row", row, fields);
                }
                json.writeEnd();
            }
            json.writeEnd();
            String next = position(token.companyId(), reached);
            if (more) {
                json.write("next_cursor", next);
            } else {
                json.writeNull("next_cursor");
            }
            json.write("watermark", next);
            json.writeEnd();
        }
        return ok(body, page.size(), token);
    }

    private ApiAnswer whoami(Session session, ReportToken token, CompanyReportSettings company,
            SyncSettings settings, long now) throws SQLException {
        String name = session.first("SELECT name FROM {company} WHERE id = ?", rs -> rs.getString(1),
                token.companyId()).orElse("");
        long limit = dailyLimit(company, settings);
        long used = RequestQuota.used(session, RequestQuota.Scope.COMPANY, token.companyId(), zone.startOfDay(now));
        ByteArrayOutputStream body = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject().write("company_id", token.companyId()).write("company_name", name);
            json.writeStartObject("token").write("id", token.id()).write("label", token.label());
            if (token.expiresAt() == null) {
                json.writeNull("expires_at");
            } else {
                json.write("expires_at", V2Rows.iso(token.expiresAt()));
            }
            json.writeEnd();
            writeFields(json, company.fields());
            json.write("max_page_size", MAX_PAGE_SIZE);
            json.writeStartObject("rate_limit").write("daily_limit", limit).write("used_today", used);
            if (limit > 0) {
                json.write("remaining_today", Math.max(0, limit - used));
            } else {
                json.writeNull("remaining_today");
            }
            json.write("per_minute", settings.tokenRateLimitPerMinute()).writeEnd();
            json.writeEnd();
        }
        return ok(body, 0, token);
    }

    private static long dailyLimit(CompanyReportSettings company, SyncSettings settings) {
        return company.rateLimit() > 0 ? company.rateLimit() : settings.rateLimit();
    }

    private static void writeFields(JsonGenerator json, Set<ReportField> fields) {
        json.writeStartArray("fields");
        for (String name : V2Rows.keys(fields)) {
            json.write(name);
        }
        json.writeEnd();
    }

    private String position(long companyId, ChangePosition position) {
        return key.sign(String.join("|", "c", Long.toString(companyId), Long.toString(position.lastUpdated()),
                Long.toString(position.userId()), Long.toString(position.courseId())));
    }

    /**
     * The values of a signed cursor or watermark of {@code kind}, after the kind: the company first,
     * then {@code values - 1} more. Refused unless this API signed it for this company.
     */
    private String[] decode(String signed, String kind, long companyId, int values) throws ApiProblem {
        String[] fields = key.verify(signed).map(text -> text.split("\\|", -1)).orElse(new String[0]);
        if (fields.length != values + 1 || !fields[0].equals(kind)) {
            throw ApiProblem.badCursor("The " + ("s".equals(kind) ? "cursor" : "watermark or cursor")
                    + " is not one this API issued for this resource, or it was altered.");
        }
        String[] rest = new String[values];
        System.arraycopy(fields, 1, rest, 0, values);
        if (!rest[0].equals(Long.toString(companyId))) {
            throw ApiProblem.badCursor("The cursor belongs to another company's token.");
        }
        return rest;
    }

    private static void requireOnly(ApiRequest request, Set<String> allowed) throws ApiProblem {
        for (String name : request.parameters().keySet()) {
            if (!allowed.contains(name)) {
                throw ApiProblem.badParameter("Unknown parameter '" + name + "'; this resource takes "
                        + String.join(", ", new TreeSet<>(allowed)) + ".");
            }
        }
    }

    private static int pageSize(ApiRequest request) throws ApiProblem {
        Optional<String> text = single(request, "page_size");
        if (text.isEmpty()) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!POSITIVE.matcher(text.get()).matches()) {
            throw ApiProblem.badParameter("page_size must be a whole number from 1 to " + MAX_PAGE_SIZE + ".");
        }
        long size = Long.parseLong(text.get());
        if (size > MAX_PAGE_SIZE) {
            throw new ApiProblem(400, "page_size_too_large", "page_size may be at most " + MAX_PAGE_SIZE + ".");
        }
        return (int) size;
    }

    private static Set<Long> courses(ApiRequest request) throws ApiProblem {
        Set<Long> courses = new TreeSet<>();
        for (String text : request.parameters().getOrDefault("course_id", List.of())) {
            if (!POSITIVE.matcher(text).matches()) {
                throw ApiProblem.badParameter("course_id must be a course id (a positive whole number), not '"
                        + abbreviate(text) + "'.");
            }
            courses.add(Long.parseLong(text));
        }
        if (courses.size() > 500) {
            throw ApiProblem.badParameter("Ask for at most 500 course_id values at once.");
        }
        return courses;
    }

    private static Set<ReportField> fields(ApiRequest request, CompanyReportSettings company) throws ApiProblem {
        Set<ReportField> allowed = company.fields();
        Optional<String> text = single(request, "fields");
        if (text.isEmpty()) {
            return allowed;
        }
        Set<ReportField> chosen = EnumSet.noneOf(ReportField.class);
        for (String name : text.get().split(",", -1)) {
            String trimmed = name.trim();
            if (trimmed.equals("userid") || trimmed.equals("courseid") || trimmed.equals("timecreated")
                    || trimmed.equals("last_updated")) {
                continue;
            }
            ReportField field = ReportField.byKey(trimmed).orElseThrow(() -> ApiProblem.badParameter(
                    "fields names '" + abbreviate(trimmed) + "', which is not a field; the fields are "
                            + String.join(", ", V2Rows.keys(EnumSet.allOf(ReportField.class))) + "."));
            if (!allowed.contains(field)) {
                throw ApiProblem.badParameter("The field '" + trimmed + "' is switched off for your company.");
            }
            chosen.add(field);
        }
        chosen.add(ReportField.USERID);
        return chosen;
    }

    private static Optional<String> single(ApiRequest request, String name) throws ApiProblem {
        List<String> values = request.parameters().getOrDefault(name, List.of());
        if (values.size() > 1) {
            throw ApiProblem.badParameter("Send " + name + " once.");
        }
        return values.stream().findFirst();
    }

    private static String queryHash(Set<Long> courses, Set<ReportField> fields) {
        String text = courses + "|" + V2Rows.keys(fields);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static ApiProblem unauthorized(String code, String detail) {
        return new ApiProblem(401, code, detail, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }

    private static ApiAnswer ok(ByteArrayOutputStream body, int rows, ReportToken token) {
        return new ApiAnswer(200, "application/json", body, Map.of(), rows, null, null, token.id(),
                token.companyId());
    }

    private static ApiAnswer problem(ApiProblem problem, String requestId, ReportToken token) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(body)) {
            json.writeStartObject().write("type", "urn:alx-report-api:problem:" + problem.errorCode())
                    .write("title", problem.title()).write("status", problem.status())
                    .write("detail", problem.getMessage()).write("errorcode", problem.errorCode())
                    .write("request_id", requestId).writeEnd();
        }
        Map<String, String> headers = new LinkedHashMap<>(problem.headers());
        return new ApiAnswer(problem.status(), "application/problem+json", body, headers, 0,
                problem.errorCode(), problem.refusedBy(), token == null ? null : token.id(),
                token == null ? null : token.companyId());
    }

    /**
     * A snapshot page written as its rows are read: the first {@code pageSize} rows go into the body;
     * one more only says that the page is not the last.
     */
    private static final class SnapshotPage implements Consumer<ProgressRow> {

        private final JsonGenerator json;
        private final int pageSize;
        private final Set<ReportField> fields;
        private int written;
        private ProgressRow last;
        private boolean more;

        SnapshotPage(JsonGenerator json, int pageSize, Set<ReportField> fields) {
            this.json = json;
            this.pageSize = pageSize;
            this.fields = fields;
        }

        @Override
        public void accept(ProgressRow row) {
            if (written == pageSize) {
                more = true;
                return;
            }
            V2Rows.write(json, null, row, fields);
            last = row;
            written++;
        }
    }
}
