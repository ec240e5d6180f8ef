package alx.reportapi.bench;

import alx.reportapi.db.Database;
import alx.reportapi.demo.MoodleDataGenerator;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * One more company on a generated site, far larger than the generator's: {@code learners} new users
 * who each are enrolled as students in the same {@link #COURSES} visible courses, with module
 * completions for about a third of the tracked modules and a course completion record per
 * enrolment, as Moodle writes them. It is loaded straight into the Moodle tables in a few set-based
 * statements (the generator writes row by row, minutes for this many); the reporting rows are the
 * sync's to derive. A Moodle token of the plugin's service for its first learner serves the
 * compatible endpoint.
 */
final class LargeCompany {

    static final int COURSES = 10;
    private static final int DAY = 86_400;
    private static final int STATEMENT_TIMEOUT_SECONDS = 600;

    private final long companyId;
    private final String moodleToken;

    private LargeCompany(long companyId, String moodleToken) {
        this.companyId = companyId;
        this.moodleToken = moodleToken;
    }

    long companyId() {
        return companyId;
    }

    /** The Moodle web service token of the company's first learner. */
    String moodleToken() {
        return moodleToken;
    }

    /** Adds the company; its learners get the user ids after the site's highest. */
    static LargeCompany load(Database database, int learners) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            long companyId = number(statement, database.sql("SELECT MAX(id) + 1 FROM {company}"));
            long userBase = number(statement, database.sql("SELECT MAX(id) FROM {user}"));
            long base = MoodleDataGenerator.BASE_TIME;
            String learnerSequence = "seq_1_to_" + learners;
            String members = " FROM {company_users} cu JOIN {company_course} cc ON cc.companyid = cu.companyid"
                    + " WHERE cu.companyid = " + companyId;
            statement.executeUpdate(database.sql("INSERT INTO {company} (id, name, shortname, suspended) VALUES ("
                    + companyId + ", 'Company " + companyId + " Large Holdings', 'co" + companyId + "', 0)"));
            statement.executeUpdate(database.sql("INSERT INTO {user} (id, username, firstname, lastname, email,"
                    + " deleted, suspended, timemodified)"
                    + " SELECT " + userBase + " + seq, CONCAT('large', seq),"
                    + " ELT(1 + seq % 8, 'Amina', 'Bilal', 'Chen', 'Daniela', 'Emeka', 'Fatima', 'Goran', 'Hana'),"
                    + " ELT(1 + seq % 6, 'Okafor', 'Haddad', 'Nguyen', 'Schmidt', 'Mensah', 'Rossi'),"
                    + " CONCAT('learner', seq, '@large.example.com'), 0, 0, " + base + " + seq % (200 * " + DAY + ")"
                    + " FROM " + learnerSequence));
            statement.executeUpdate(database.sql("INSERT INTO {company_users} (companyid, userid)"
                    + " SELECT " + companyId + ", " + userBase + " + seq FROM " + learnerSequence));
            statement.executeUpdate(database.sql("INSERT INTO {company_course} (companyid, courseid)"
                    + " SELECT " + companyId + ", id FROM {course} WHERE id > 1 AND visible = 1 ORDER BY id LIMIT "
                    + COURSES));
            statement.executeUpdate(database.sql("INSERT INTO {user_enrolments} (status, enrolid, userid, timestart,"
                    + " timeend, timecreated, timemodified)"
                    + " SELECT 0, e.id, cu.userid, " + base + " + (cu.userid % 120) * " + DAY + " + 3600, 0,"
                    + " " + base + " + (cu.userid % 120) * " + DAY + ", " + base + " + (cu.userid % 120) * " + DAY
                    + members.replace(" WHERE", " JOIN {enrol} e ON e.courseid = cc.courseid AND e.enrol = 'manual'"
                            + " WHERE")));
            statement.executeUpdate(database.sql("INSERT INTO {role_assignments} (roleid, contextid, userid)"
                    + " SELECT " + MoodleDataGenerator.STUDENT_ROLE + ", ctx.id, cu.userid"
                    + members.replace(" WHERE", " JOIN {context} ctx ON ctx.contextlevel = "
                            + MoodleDataGenerator.COURSE_CONTEXT_LEVEL + " AND ctx.instanceid = cc.courseid WHERE")));
            statement.executeUpdate(database.sql("INSERT INTO {course_modules_completion} (coursemoduleid, userid,"
                    + " completionstate, timemodified)"
                    + " SELECT cm.id, cu.userid, 1 + (cm.id % 2), " + base + " + (cu.userid % 120 + 2 + cm.id % 30) * "
                    + DAY + members.replace(" WHERE", " JOIN {course_modules} cm ON cm.course = cc.courseid"
                            + " AND cm.completion > 0 AND cm.deletioninprogress = 0 WHERE")
                    + " AND (cm.id + cu.userid) % 3 = 0"));
            statement.executeUpdate(database.sql("INSERT INTO {course_completions} (userid, course, timeenrolled,"
                    + " timestarted, timecompleted)"
                    + " SELECT cu.userid, cc.courseid, " + base + " + (cu.userid % 120) * " + DAY + ", 0, NULL"
                    + members));
            String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            try (PreparedStatement insert = connection.prepareStatement(database.sql("INSERT INTO {external_tokens}"
                    + " (token, tokentype, userid, externalserviceid, contextid, creatorid, validuntil, timecreated,"
                    + " name) VALUES (?, 0, ?, ?, 1, 2, 0, ?, 'Power BI')"))) {
                insert.setString(1, token);
                insert.setLong(2, userBase + 1);
                insert.setLong(3, MoodleDataGenerator.REPORT_SERVICE);
                insert.setLong(4, base);
                insert.executeUpdate();
            }
            return new LargeCompany(companyId, token);
        }
    }

    /** The company a previous {@link #load} added to this database (the site's last), with its token. */
    static LargeCompany loaded(Database database) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql("SELECT c.id, t.token FROM {company} c"
                     + " JOIN {company_users} cu ON cu.companyid = c.id JOIN {external_tokens} t ON t.userid = cu.userid"
                     + " WHERE c.id = (SELECT MAX(id) FROM {company}) AND c.shortname = CONCAT('co', c.id)"
                     + " AND c.name LIKE '%Large Holdings'"))) {
            if (!rs.next()) {
                throw new IllegalStateException("this database holds no large company: load it first");
            }
            return new LargeCompany(rs.getLong(1), rs.getString(2));
        }
    }

    private static long number(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
