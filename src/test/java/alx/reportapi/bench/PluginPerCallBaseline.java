package alx.reportapi.bench;

import alx.reportapi.db.Database;
import alx.reportapi.demo.MoodleDataGenerator;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one call of the PHP plugin's {@code get_course_progress} costs its database, mirrored over
 * JDBC in the harness (/work/shared/report_api.md, 1.4 and 3 to 5): Moodle checks the token and its
 * service, the plugin reads its settings, counts the caller's log rows since midnight for the rate
 * limit (twice, as it does), finds the user's company and its shortname, reads the client's sync
 * state and the company's courses, runs the offset query, encodes the page as JSON, and writes a log
 * row. The plugin's log table is not part of this product, so the baseline keeps one of the same
 * shape in {@code bench_plugin_logs}, indexed as its install.xml indexes it.
 * <p>
 * One connection serves every call, where PHP connects per request: the baseline is, if anything,
 * cheaper than the plugin.
 */
final class PluginPerCallBaseline implements AutoCloseable {

    private static final int TIMEOUT_SECONDS = 120;
    private static final DateTimeFormatter MOODLE_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final Database database;
    private final Connection connection;
    private final String token;

    PluginPerCallBaseline(Database database, String moodleToken) throws SQLException {
        this.database = database;
        this.token = moodleToken;
        this.connection = database.connect();
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench_plugin_logs (id BIGINT NOT NULL AUTO_INCREMENT,"
                    + " userid BIGINT NOT NULL, company_shortname VARCHAR(100) NOT NULL DEFAULT '',"
                    + " endpoint VARCHAR(100) NOT NULL, record_count BIGINT NOT NULL DEFAULT 0,"
                    + " error_message LONGTEXT, response_time_ms BIGINT NOT NULL DEFAULT 0,"
                    + " timecreated BIGINT NOT NULL, ip_address VARCHAR(45) NOT NULL DEFAULT '',"
                    + " user_agent VARCHAR(255) NOT NULL DEFAULT '', additional_data LONGTEXT,"
                    + " PRIMARY KEY (id), KEY bench_plugin_logs_use_ix (userid), KEY bench_plugin_logs_tim_ix (timecreated))");
        }
    }

    /**
     * A whole read by offsets of {@code rows} rows, a call per page, estimated from every
     * {@code stride}th call: the plugin's offset query reads every row before its page, so a call
     * costs about in proportion to its offset, and evenly spaced calls average to the whole read's
     * mean. A whole read at scale 10 would take more than the benchmark's budget (about 1.5 s a call
     * at the large company's last pages). Every sampled call's latency goes to {@code latencies}.
     */
    CompatClient.OffsetPass sampledPass(long rows, int stride, Latencies latencies) throws SQLException {
        int calls = (int) (rows / CompatClient.LIMIT) + 1;
        long sampledNanos = 0;
        int sampled = 0;
        for (int call = 0; call < calls; call += stride) {
            long offset = (long) call * CompatClient.LIMIT;
            long start = System.nanoTime();
            int size = call(offset);
            long elapsed = System.nanoTime() - start;
            int expected = (int) Math.min(CompatClient.LIMIT, rows - offset);
            if (size != expected) {
                throw new IllegalStateException("the baseline's page at offset " + offset + " has " + size
                        + " rows, not " + expected);
            }
            latencies.add(elapsed);
            sampledNanos += elapsed;
            sampled++;
        }
        return new CompatClient.OffsetPass(rows, calls, sampledNanos / 1e9 / sampled * calls);
    }

    /** One call for the page at {@code offset}; returns its rows. */
    int call(long offset) throws SQLException {
        long started = System.nanoTime();
        long now = System.currentTimeMillis() / 1000;
        long userId;
        try (PreparedStatement check = prepare("SELECT t.userid, t.validuntil, t.iprestriction, u.deleted, u.suspended"
                + " FROM {external_tokens} t JOIN {user} u ON u.id = t.userid WHERE t.token = ? AND t.tokentype = 0")) {
            check.setString(1, token);
            try (ResultSet rs = check.executeQuery()) {
                if (!rs.next() || rs.getInt(4) != 0 || rs.getInt(5) != 0) {
                    throw new IllegalStateException("the baseline's token is not valid");
                }
                userId = rs.getLong(1);
            }
        }
        try (PreparedStatement service = prepare("SELECT s.id FROM {external_services} s"
                + " JOIN {external_services_functions} f ON f.externalserviceid = s.id"
                + " WHERE s.id = ? AND s.enabled = 1 AND f.functionname = ?")) {
            service.setLong(1, MoodleDataGenerator.REPORT_SERVICE);
            service.setString(2, MoodleDataGenerator.REPORT_FUNCTION);
            requireRow(service, "the plugin's service");
        }
        try (PreparedStatement config = prepare("SELECT name, value FROM {config_plugins} WHERE plugin = ?")) {
            config.setString(1, "local_alx_report_api");
            config.executeQuery().close();
        }
        long midnight = now - Math.floorMod(now, 86_400);
        for (int check = 0; check < 2; check++) {
            try (PreparedStatement count = prepare("SELECT COUNT(*) FROM bench_plugin_logs WHERE userid = ?"
                    + " AND timecreated >= ?")) {
                count.setLong(1, userId);
                count.setLong(2, midnight);
                requireRow(count, "the rate limit's count");
            }
        }
        long companyId;
        String shortname;
        try (PreparedStatement company = prepare("SELECT c.id, c.shortname FROM {company_users} cu"
                + " JOIN {company} c ON c.id = cu.companyid WHERE cu.userid = ?")) {
            company.setLong(1, userId);
            try (ResultSet rs = company.executeQuery()) {
                rs.next();
                companyId = rs.getLong(1);
                shortname = rs.getString(2);
            }
        }
        try (PreparedStatement settings = prepare("SELECT setting_name, setting_value FROM {local_alx_api_settings}"
                + " WHERE companyid = ?")) {
            settings.setLong(1, companyId);
            settings.executeQuery().close();
        }
        try (PreparedStatement state = prepare("SELECT last_sync_timestamp, last_sync_status"
                + " FROM {local_alx_api_sync_status} WHERE companyid = ? AND token_hash = ?")) {
            state.setLong(1, companyId);
            state.setString(2, token);
            state.executeQuery().close();
        }
        List<Long> courses = new ArrayList<>();
        try (PreparedStatement companyCourses = prepare("SELECT courseid FROM {company_course} WHERE companyid = ?")) {
            companyCourses.setLong(1, companyId);
            try (ResultSet rs = companyCourses.executeQuery()) {
                while (rs.next()) {
                    courses.add(rs.getLong(1));
                }
            }
        }
        int rows = 0;
        StringWriter body = new StringWriter(CompatClient.LIMIT * 400);
        try (PreparedStatement page = prepare("SELECT userid, firstname, lastname, email, username, coursename,"
                + " timecompleted, timestarted, percentage, status FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND is_deleted = 0 AND courseid IN (" + "?,".repeat(courses.size() - 1)
                + "?) ORDER BY userid, courseid LIMIT ? OFFSET ?");
             JsonGenerator json = Json.createGenerator(body)) {
            int parameter = 1;
            page.setLong(parameter++, companyId);
            for (long course : courses) {
                page.setLong(parameter++, course);
            }
            page.setInt(parameter++, CompatClient.LIMIT);
            page.setLong(parameter, offset);
            json.writeStartArray();
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    json.writeStartObject().write("userid", rs.getLong(1)).write("firstname", rs.getString(2))
                            .write("lastname", rs.getString(3)).write("email", rs.getString(4))
                            .write("username", rs.getString(5)).write("coursename", rs.getString(6));
                    date(json, "timecompleted", rs.getLong(7));
                    date(json, "timestarted", rs.getLong(8));
                    json.write("percentage", rs.getBigDecimal(9)).write("status", rs.getString(10)).writeEnd();
                    rows++;
                }
            }
            json.writeEnd();
        }
        try (PreparedStatement log = prepare("INSERT INTO bench_plugin_logs (userid, company_shortname, endpoint,"
                + " record_count, response_time_ms, timecreated, ip_address, user_agent, additional_data)"
                + " VALUES (?, ?, 'get_course_progress', ?, ?, ?, '127.0.0.1', 'Java-http-client', ?)")) {
            log.setLong(1, userId);
            log.setString(2, shortname);
            log.setInt(3, rows);
            log.setLong(4, (System.nanoTime() - started) / 1_000_000);
            log.setLong(5, now);
            log.setString(6, "{\"limit\":" + CompatClient.LIMIT + ",\"offset\":" + offset + ",\"request_method\":\"POST\"}");
            log.executeUpdate();
        }
        return rows;
    }

    private static void date(JsonGenerator json, String name, long unixSeconds) {
        json.write(name, unixSeconds == 0 ? "" : MOODLE_DATE.format(Instant.ofEpochSecond(unixSeconds)));
        json.write(name + "_unix", unixSeconds);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(database.sql(sql));
        statement.setQueryTimeout(TIMEOUT_SECONDS);
        return statement;
    }

    private static void requireRow(PreparedStatement statement, String what) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException(what + " found nothing");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_plugin_logs");
        } finally {
            connection.close();
        }
    }
}
