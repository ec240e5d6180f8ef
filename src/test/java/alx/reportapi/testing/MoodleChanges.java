package alx.reportapi.testing;

import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random changes to the Moodle tables, each made the way Moodle itself makes it: a change Moodle
 * timestamps bumps its {@code timemodified}; the ones Moodle does not timestamp (an unenrolment,
 * leaving a company, a new tracked module) leave no trace but the change itself.
 */
public final class MoodleChanges {

    /** Every kind of change the sync issue lists. */
    public enum Kind {
        COMPLETION_ADDED, COMPLETION_REMOVED, COURSE_COMPLETED, ENROLMENT_STATUS_FLIPPED, UNENROLLED,
        USER_SUSPENDED, USER_DELETED, USER_RENAMED, USER_LEFT_COMPANY, USER_JOINED_SECOND_COMPANY, COURSE_HIDDEN_OR_SHOWN,
        COURSE_RENAMED, TRACKED_MODULE_ADDED
    }

    private final Database database;
    private final Random random;
    private final Map<Kind, Integer> applied = new EnumMap<>(Kind.class);

    public MoodleChanges(Database database, long seed) {
        this.database = database;
        this.random = new Random(seed);
    }

    /** Applies {@code count} random changes, every kind at least once when count allows. */
    public Map<Kind, Integer> apply(int count) throws SQLException {
        Kind[] kinds = Kind.values();
        try (Connection connection = database.connect()) {
            for (int i = 0; i < count; i++) {
                Kind kind = i < kinds.length ? kinds[i] : kinds[random.nextInt(kinds.length)];
                if (apply(connection, kind)) {
                    applied.merge(kind, 1, Integer::sum);
                }
            }
        }
        return applied;
    }

    private boolean apply(Connection c, Kind kind) throws SQLException {
        return switch (kind) {
            case COMPLETION_ADDED -> {
                long[] pick = pick(c, """
                        SELECT ue.userid, cm.id FROM {user_enrolments} ue JOIN {enrol} e ON e.id = ue.enrolid
                          JOIN {course_modules} cm ON cm.course = e.courseid AND cm.completion > 0
                         WHERE NOT EXISTS (SELECT 1 FROM {course_modules_completion} x
                                            WHERE x.userid = ue.userid AND x.coursemoduleid = cm.id)""");
                yield pick != null && update(c, "INSERT INTO {course_modules_completion}"
                        + " (coursemoduleid, userid, completionstate, timemodified) VALUES (?, ?, 1, UNIX_TIMESTAMP())",
                        pick[1], pick[0]);
            }
            case COMPLETION_REMOVED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course_modules_completion} WHERE completionstate IN (1, 2)");
                // Moodle resets a completion to incomplete and stamps it; it does not delete the row.
                yield pick != null && update(c, "UPDATE {course_modules_completion} SET completionstate = 0,"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case COURSE_COMPLETED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course_completions} WHERE timecompleted IS NULL");
                yield pick != null && update(c, "UPDATE {course_completions} SET timecompleted = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case ENROLMENT_STATUS_FLIPPED -> {
                long[] pick = pick(c, "SELECT id, status FROM {user_enrolments}");
                yield pick != null && update(c, "UPDATE {user_enrolments} SET status = ?, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", 1 - pick[1], pick[0]);
            }
            case UNENROLLED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user_enrolments} WHERE status = 0");
                yield pick != null && update(c, "DELETE FROM {user_enrolments} WHERE id = ?", pick[0]);
            }
            case USER_SUSPENDED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND suspended = 0 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET suspended = 1, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case USER_DELETED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET deleted = 1, timemodified = UNIX_TIMESTAMP()"
                        + " WHERE id = ?", pick[0]);
            }
            case USER_RENAMED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {user} WHERE id > 2 AND deleted = 0");
                yield pick != null && update(c, "UPDATE {user} SET lastname = CONCAT(lastname, '-Renamed'),"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case USER_LEFT_COMPANY -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {company_users}");
                yield pick != null && update(c, "DELETE FROM {company_users} WHERE id = ?", pick[0]);
            }
            case USER_JOINED_SECOND_COMPANY -> {
                long[] pick = pick(c, """
                        SELECT cu.userid, co.id FROM {company_users} cu JOIN {company} co ON co.id <> cu.companyid
                         WHERE NOT EXISTS (SELECT 1 FROM {company_users} x WHERE x.userid = cu.userid AND x.companyid = co.id)""");
                yield pick != null && update(c, "INSERT INTO {company_users} (companyid, userid) VALUES (?, ?)",
                        pick[1], pick[0]);
            }
            case COURSE_HIDDEN_OR_SHOWN -> {
                // Flipped rather than only hidden, so that many rounds do not hide every course.
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                yield pick != null && update(c, "UPDATE {course} SET visible = 1 - visible,"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case COURSE_RENAMED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                yield pick != null && update(c, "UPDATE {course} SET fullname = CONCAT(fullname, ' (revised)'),"
                        + " timemodified = UNIX_TIMESTAMP() WHERE id = ?", pick[0]);
            }
            case TRACKED_MODULE_ADDED -> {
                long[] pick = pick(c, "SELECT id, 0 FROM {course} WHERE id > 1");
                // Moodle stamps the module's 'added', but nothing on the enrolments whose percentage drops.
                yield pick != null && update(c, "INSERT INTO {course_modules} (course, completion, deletioninprogress,"
                        + " added) VALUES (?, 1, 0, UNIX_TIMESTAMP())", pick[0]);
            }
        };
    }

    /** A random row of the query's first two columns, or null if it has none. */
    private long[] pick(Connection c, String template) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Statement statement = c.createStatement()) {
            statement.setQueryTimeout(60);
            try (ResultSet rs = statement.executeQuery(database.sql(template) + " LIMIT 2000")) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        return rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
    }

    private boolean update(Connection c, String template, Object... parameters) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(60);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate() > 0;
        }
    }
}
