package alx.reportapi.testing;

import alx.reportapi.db.Database;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent oracle of SPEC 2.3. It reads the raw Moodle tables whole and applies the rules
 * in memory, so it shares neither the product's SQL nor its {@code ProgressRules}; a mistake in
 * either shows up as a difference here.
 */
public final class ReportingOracle {

    private static final int STATEMENT_TIMEOUT_SECONDS = 120;

    private static final String LIVE = """
            SELECT companyid, userid, courseid, firstname, lastname, email, username, coursename,
                   timecompleted, timestarted, percentage, status
              FROM {local_alx_api_reporting} WHERE is_deleted = 0""";

    private ReportingOracle() {
    }

    /**
     * Compares the reporting table with the oracle and with what it held before: the
     * {@linkplain #differences(Database) rows' differences}, and {@code history}'s tombstone checks
     * (no key the table held disappears; a row soft-deleted or revived since the last check moved
     * its {@code last_updated}). Call it after every run of a test, with one history per table.
     */
    public static String differences(Database database, ReportingHistory history) throws SQLException {
        String rows = differences(database);
        String tombstones = history.check(database);
        return rows.isEmpty() || tombstones.isEmpty() ? rows + tombstones : rows + "; " + tombstones;
    }

    /**
     * Compares the reporting table with the oracle: live rows equal the expected rows column by
     * column, and every other row is soft-deleted ({@code is_deleted = 1}, no other value). Returns
     * a description of the differences, empty when there are none.
     */
    public static String differences(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            List<String> expected = expected(connection, database);
            List<String> live = live(connection, database);
            Set<String> missing = new HashSet<>(expected);
            live.forEach(missing::remove);
            Set<String> unexpected = new HashSet<>(live);
            expected.forEach(unexpected::remove);
            StringBuilder report = new StringBuilder();
            if (!missing.isEmpty() || !unexpected.isEmpty()) {
                report.append(expected.size()).append(" rows expected, ").append(live.size()).append(" live; ")
                        .append(missing.size()).append(" expected but not live, e.g. ").append(sample(missing))
                        .append("; ").append(unexpected.size()).append(" live but not expected, e.g. ")
                        .append(sample(unexpected));
            }
            if (live.size() != new HashSet<>(live).size()) {
                report.append("; duplicate live rows");
            }
            List<String> neither = new ArrayList<>();
            query(connection, database, "SELECT companyid, userid, courseid, is_deleted FROM {local_alx_api_reporting}"
                    + " WHERE is_deleted NOT IN (0, 1) OR is_deleted IS NULL",
                    rs -> neither.add(rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3) + " is_deleted = "
                            + rs.getString(4)));
            if (!neither.isEmpty()) {
                report.append(report.isEmpty() ? "" : "; ").append(neither.size())
                        .append(" rows neither live nor soft-deleted, e.g. ").append(sample(new HashSet<>(neither)));
            }
            return report.toString();
        }
    }

    /**
     * The rows the oracle expects, sorted, each as its columns joined by {@code |}: companyid, userid,
     * courseid, firstname, lastname, email, username, coursename, timecompleted, timestarted,
     * percentage, status.
     */
    public static List<String> expectedRows(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            return expected(connection, database);
        }
    }

    /** Number of rows the oracle expects. */
    public static int expectedCount(Database database) throws SQLException {
        try (Connection connection = database.connect()) {
            return expected(connection, database).size();
        }
    }

    private record Person(String firstname, String lastname, String email, String username, boolean active) {
    }

    private record Module(long course, boolean tracked) {
    }

    private record Enrolment(long userid, long courseid, long start) {
    }

    private static List<String> expected(Connection connection, Database database) throws SQLException {
        Map<Long, Person> people = new HashMap<>();
        query(connection, database, "SELECT id, firstname, lastname, email, username, deleted, suspended FROM {user}",
                rs -> people.put(id(rs, 1), new Person(text(rs, 2), text(rs, 3), text(rs, 4), text(rs, 5),
                        number(rs, 6) == 0 && number(rs, 7) == 0)));
        Map<Long, String> visibleCourses = new HashMap<>();
        query(connection, database, "SELECT id, fullname, visible FROM {course}", rs -> {
            if (number(rs, 3) == 1 && id(rs, 1) != 1) {
                visibleCourses.put(id(rs, 1), text(rs, 2));
            }
        });
        Map<Long, Long> activeInstanceCourse = new HashMap<>();
        query(connection, database, "SELECT id, courseid, status FROM {enrol}", rs -> {
            if (number(rs, 3) == 0) {
                activeInstanceCourse.put(id(rs, 1), id(rs, 2));
            }
        });
        List<Enrolment> enrolments = new ArrayList<>();
        query(connection, database, "SELECT enrolid, userid, status, timestart, timecreated FROM {user_enrolments}", rs -> {
            Long course = activeInstanceCourse.get(id(rs, 1));
            if (course != null && number(rs, 3) == 0) {
                long start = number(rs, 4) > 0 ? number(rs, 4) : number(rs, 5);
                enrolments.add(new Enrolment(id(rs, 2), course, start));
            }
        });
        Map<Long, Long> courseOfContext = new HashMap<>();
        query(connection, database, "SELECT id, instanceid FROM {context} WHERE contextlevel = 50",
                rs -> courseOfContext.put(id(rs, 1), id(rs, 2)));
        Set<Long> studentRoles = new HashSet<>();
        query(connection, database, "SELECT id FROM {role} WHERE shortname = 'student'", rs -> studentRoles.add(id(rs, 1)));
        Set<String> students = new HashSet<>();
        query(connection, database, "SELECT userid, contextid, roleid FROM {role_assignments}", rs -> {
            Long course = courseOfContext.get(id(rs, 2));
            if (course != null && studentRoles.contains(id(rs, 3))) {
                students.add(key(id(rs, 1), course));
            }
        });
        Map<Long, Module> modules = new HashMap<>();
        Map<Long, Integer> trackedPerCourse = new HashMap<>();
        query(connection, database, "SELECT id, course, completion, deletioninprogress FROM {course_modules}", rs -> {
            boolean tracked = number(rs, 3) > 0 && number(rs, 4) == 0;
            modules.put(id(rs, 1), new Module(id(rs, 2), tracked));
            if (tracked) {
                trackedPerCourse.merge(id(rs, 2), 1, Integer::sum);
            }
        });
        Map<String, Integer> done = new HashMap<>();
        Map<String, Long> lastDone = new HashMap<>();
        Set<String> progressed = new HashSet<>();
        query(connection, database,
                "SELECT userid, coursemoduleid, completionstate, timemodified FROM {course_modules_completion}", rs -> {
                    Module module = modules.get(id(rs, 2));
                    if (module == null) {
                        return;
                    }
                    String pair = key(id(rs, 1), module.course());
                    long state = number(rs, 3);
                    if (state > 0) {
                        progressed.add(pair);
                    }
                    if (module.tracked() && (state == 1 || state == 2)) {
                        done.merge(pair, 1, Integer::sum);
                        lastDone.merge(pair, number(rs, 4), Math::max);
                    }
                });
        Map<String, long[]> courseCompletion = new HashMap<>();
        query(connection, database, "SELECT userid, course, timecompleted, timestarted FROM {course_completions}",
                rs -> courseCompletion.put(key(id(rs, 1), id(rs, 2)), new long[] {number(rs, 3), number(rs, 4)}));
        Map<String, Long> firstStart = new HashMap<>();
        for (Enrolment enrolment : enrolments) {
            firstStart.merge(key(enrolment.userid(), enrolment.courseid()), enrolment.start(), Math::min);
        }
        Map<Long, List<Long>> companiesOfUser = new HashMap<>();
        query(connection, database, "SELECT companyid, userid FROM {company_users}",
                rs -> companiesOfUser.computeIfAbsent(id(rs, 2), u -> new ArrayList<>()).add(id(rs, 1)));

        Set<String> rows = new HashSet<>();
        for (Enrolment enrolment : enrolments) {
            Person person = people.get(enrolment.userid());
            String coursename = visibleCourses.get(enrolment.courseid());
            String pair = key(enrolment.userid(), enrolment.courseid());
            if (person == null || !person.active() || coursename == null || !students.contains(pair)) {
                continue;
            }
            long[] completion = courseCompletion.getOrDefault(pair, new long[] {0, 0});
            int tracked = trackedPerCourse.getOrDefault(enrolment.courseid(), 0);
            int completed = done.getOrDefault(pair, 0);
            boolean courseCompleted = completion[0] > 0;
            boolean allModulesDone = tracked > 0 && completed == tracked;
            BigDecimal percentage = courseCompleted ? new BigDecimal("100.00")
                    : tracked == 0 ? new BigDecimal("0.00")
                    : new BigDecimal(completed * 100L).divide(new BigDecimal(tracked), 2, RoundingMode.HALF_UP);
            long timecompleted = courseCompleted ? completion[0] : allModulesDone ? lastDone.get(pair) : 0;
            long timestarted = completion[1] > 0 ? completion[1] : firstStart.get(pair);
            String status = courseCompleted || allModulesDone ? "completed"
                    : progressed.contains(pair) ? "in_progress" : "not_started";
            for (long company : companiesOfUser.getOrDefault(enrolment.userid(), List.of())) {
                rows.add(String.join("|", String.valueOf(company), String.valueOf(enrolment.userid()),
                        String.valueOf(enrolment.courseid()), person.firstname(), person.lastname(), person.email(),
                        person.username(), coursename, String.valueOf(timecompleted), String.valueOf(timestarted),
                        percentage.toPlainString(), status));
            }
        }
        List<String> sorted = new ArrayList<>(rows);
        Collections.sort(sorted);
        return sorted;
    }

    private static List<String> live(Connection connection, Database database) throws SQLException {
        List<String> rows = new ArrayList<>();
        query(connection, database, LIVE, rs -> {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= 12; i++) {
                Object value = rs.getObject(i);
                String text = value instanceof BigDecimal decimal
                        ? decimal.setScale(2, RoundingMode.UNNECESSARY).toPlainString()
                        : String.valueOf(value);
                row.append(i == 1 ? "" : "|").append(text);
            }
            rows.add(row.toString());
        });
        Collections.sort(rows);
        return rows;
    }

    private interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection connection, Database database, String sql, RowConsumer consumer)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery(database.sql(sql))) {
                while (rs.next()) {
                    consumer.accept(rs);
                }
            }
        }
    }

    private static String key(long userid, long courseid) {
        return userid + ":" + courseid;
    }

    private static long id(ResultSet rs, int column) throws SQLException {
        return rs.getLong(column);
    }

    private static long number(ResultSet rs, int column) throws SQLException {
        return rs.getLong(column);
    }

    private static String text(ResultSet rs, int column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }

    private static String sample(Set<String> rows) {
        return rows.stream().sorted().limit(5).toList().toString();
    }
}
