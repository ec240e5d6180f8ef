package alx.reportapi.moodle;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fingerprint per course of its tracked modules (count, sum and largest id). Adding a tracked
 * module, deleting one, or switching tracking on or off changes it; none of these leaves a
 * timestamp on the enrolments whose percentage they change.
 */
public final class ModuleFingerprints {

    private ModuleFingerprints() {
    }

    /** Every course's current fingerprint, in one grouped scan of course_modules. */
    public static Map<Long, String> current(Database database, Connection connection, int timeoutSeconds)
            throws SQLException {
        Map<Long, String> fingerprints = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(database.sql("""
                SELECT course, COUNT(*), SUM(id), MAX(id)
                  FROM {course_modules}
                 WHERE completion > 0 AND deletioninprogress = 0
                 GROUP BY course"""))) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    fingerprints.put(rs.getLong(1), rs.getLong(2) + ":" + rs.getLong(3) + ":" + rs.getLong(4));
                }
            }
        }
        return fingerprints;
    }

    /** The fingerprints a company's last completed pass saw. */
    public static Map<Long, String> confirmed(Database database, Connection connection, long companyId,
            int timeoutSeconds) throws SQLException {
        Map<Long, String> fingerprints = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(database.sql(
                "SELECT courseid, fingerprint FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 0"))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    fingerprints.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return fingerprints;
    }

    /** Remembers what a starting pass saw, to be confirmed when it completes. */
    public static void storePending(Database database, Connection connection, long companyId,
            Map<Long, String> fingerprints, int timeoutSeconds) throws SQLException {
        execute(database, connection, "DELETE FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 1",
                companyId, timeoutSeconds);
        try (BulkInsert insert = new BulkInsert(connection, database.prefix().table("local_alx_api_module_fp"),
                "companyid,courseid,pending,fingerprint", "", 1000, timeoutSeconds)) {
            for (Map.Entry<Long, String> entry : fingerprints.entrySet()) {
                insert.row(companyId, entry.getKey(), 1, entry.getValue());
            }
        }
    }

    /** The pass completed: what it saw becomes the company's confirmed fingerprints. */
    public static void confirmPending(Database database, Connection connection, long companyId, int timeoutSeconds)
            throws SQLException {
        execute(database, connection, "DELETE FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 0",
                companyId, timeoutSeconds);
        execute(database, connection, "UPDATE {local_alx_api_module_fp} SET pending = 0 WHERE companyid = ? AND pending = 1",
                companyId, timeoutSeconds);
    }

    private static void execute(Database database, Connection connection, String template, long companyId,
            int timeoutSeconds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(database.sql(template))) {
            statement.setQueryTimeout(timeoutSeconds);
            statement.setLong(1, companyId);
            statement.executeUpdate();
        }
    }

    /** Courses whose tracked modules differ between the two maps, in either direction. */
    public static Set<Long> changedCourses(Map<Long, String> before, Map<Long, String> now) {
        Set<Long> changed = new HashSet<>();
        Set<Long> courses = new HashSet<>(before.keySet());
        courses.addAll(now.keySet());
        for (Long course : courses) {
            if (!Objects.equals(before.get(course), now.get(course))) {
                changed.add(course);
            }
        }
        return changed;
    }
}
