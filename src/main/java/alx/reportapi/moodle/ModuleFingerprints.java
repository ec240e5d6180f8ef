package alx.reportapi.moodle;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fingerprint per course of its tracked modules (count, sum and largest id). Adding a tracked
 * module, deleting one, or switching tracking on or off changes it; none of these leaves a
 * timestamp on the enrolments whose percentage they change.
 */
public final class ModuleFingerprints {

    /** The pending fingerprint of a course that no longer tracks a module: its confirmed one goes. */
    private static final String REMOVED = "";

    private ModuleFingerprints() {
    }

    /**
     * Every course's current fingerprint and its count of tracked modules, from one read of
     * course_modules in id order; the same read indexes every module's course. Computed once per run.
     */
    public static CourseModules scan(Session session) throws SQLException {
        Map<Long, String> fingerprints = new HashMap<>();
        Map<Long, TrackedModules> perCourse = new HashMap<>();
        ModuleIndex.Builder modules = new ModuleIndex.Builder();
        try (PreparedStatement statement = session.prepare(
                "SELECT id, course, completion, deletioninprogress FROM {course_modules} ORDER BY id")) {
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    long course = rs.getLong(2);
                    boolean tracked = rs.getInt(3) > 0 && rs.getInt(4) == 0;
                    modules.add(id, course, tracked);
                    if (tracked) {
                        perCourse.computeIfAbsent(course, key -> new TrackedModules()).add(id);
                    }
                }
            }
        }
        Map<Long, Integer> tracked = new HashMap<>();
        perCourse.forEach((course, trackedModules) -> {
            // The text the grouped statement this replaced digested, so stored fingerprints still match.
            fingerprints.put(course, digest(trackedModules.count + ":" + trackedModules.idSum + ":"
                    + trackedModules.maxId));
            tracked.put(course, trackedModules.count);
        });
        return new CourseModules(fingerprints, tracked, modules.build());
    }

    /** A course's tracked modules: how many, the sum of their ids, and the largest. */
    private static final class TrackedModules {
        private int count;
        private long idSum;
        private long maxId;

        void add(long id) {
            count++;
            // Wraps only past 9.2e18, where it still moves with every module added or removed.
            idSum += id;
            maxId = Math.max(maxId, id);
        }
    }

    /**
     * A fixed-length stand-in for a fingerprint's counts and sums, which grow with the site: at
     * scale 10 (a million enrolments) the plain text outgrew the 64-character column and every
     * company's pass failed.
     */
    static String digest(String fingerprint) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(fingerprint.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * What a company's fingerprint rows hold: those its last completed pass confirmed, and whether
     * a pass that did not complete left pending ones. One read, which tells the starting pass
     * whether it has any to delete.
     */
    public static StoredFingerprints stored(Session session, long companyId) throws SQLException {
        Map<Long, String> confirmed = new HashMap<>();
        boolean anyPending = false;
        try (PreparedStatement statement = session.prepare(
                "SELECT courseid, fingerprint, pending FROM {local_alx_api_module_fp} WHERE companyid = ?", companyId);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                if (rs.getInt(3) == 0) {
                    confirmed.put(rs.getLong(1), rs.getString(2));
                } else {
                    anyPending = true;
                }
            }
        }
        return new StoredFingerprints(confirmed, anyPending);
    }

    /**
     * Remembers, to be confirmed when the pass completes, the fingerprint of each course whose
     * fingerprint differs from what the company's last pass confirmed, and a removal (an empty
     * fingerprint) for each course that no longer tracks a module. Only those courses: a module
     * added to one course would otherwise rewrite a row per course of the site in every company.
     *
     * @return true when pending fingerprints were written, which the pass's completion confirms
     */
    public static boolean storePending(Session session, long companyId, Map<Long, String> seen,
            StoredFingerprints stored) throws SQLException {
        if (stored.anyPending()) {
            session.update("DELETE FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 1", companyId);
        }
        Set<Long> changed = changedCourses(stored.confirmed(), seen);
        if (changed.isEmpty()) {
            return false;
        }
        try (BulkInsert insert = session.bulkInsert("local_alx_api_module_fp", "companyid,courseid,pending,fingerprint",
                "", 1000)) {
            for (Long course : changed) {
                insert.row(companyId, course, 1, seen.getOrDefault(course, REMOVED));
            }
        }
        return true;
    }

    /**
     * The pass that stored pending fingerprints completed: each replaces the confirmed one of its
     * course, and a removal deletes it.
     */
    public static void confirmPending(Session session, long companyId) throws SQLException {
        // The pending courses are read through a derived table: MySQL refuses a subquery on the
        // table a DELETE deletes from.
        session.update("DELETE FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 0"
                + " AND courseid IN (SELECT courseid FROM (SELECT courseid FROM {local_alx_api_module_fp}"
                + " WHERE companyid = ? AND pending = 1) pending_courses)", companyId, companyId);
        session.update("DELETE FROM {local_alx_api_module_fp} WHERE companyid = ? AND pending = 1 AND fingerprint = ?",
                companyId, REMOVED);
        session.update("UPDATE {local_alx_api_module_fp} SET pending = 0 WHERE companyid = ? AND pending = 1", companyId);
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
