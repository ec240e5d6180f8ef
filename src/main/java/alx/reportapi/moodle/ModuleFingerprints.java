package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A fingerprint per course of its tracked modules (count, id sum, XOR of ids), from the run's one
 * read of course_modules. Adding a tracked module, deleting one, or switching tracking on or off
 * changes it; none of these leaves a timestamp on the enrolments whose percentage they change. The
 * run compares the fingerprints with the previous run's as the {@link DigestSource#COURSE_MODULES}
 * source, and a course whose fingerprint moved is observed like any other changed course.
 */
public final class ModuleFingerprints {

    private ModuleFingerprints() {
    }

    /**
     * Every course's current fingerprint and its count of tracked modules, from one read of
     * course_modules in id order; the same read indexes every module's course. Computed once per run.
     */
    public static CourseModules scan(Session session) throws SQLException {
        Map<Long, Digest> fingerprints = new HashMap<>();
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
                        // Wraps only past 9.2e18, where it still moves with every module added or removed.
                        fingerprints.merge(course, new Digest(1, id, id),
                                (a, b) -> new Digest(a.rows() + 1, a.idSum() + b.idSum(), a.contentXor() ^ b.contentXor()));
                    }
                }
            }
        }
        Map<Long, Integer> tracked = new HashMap<>();
        fingerprints.forEach((course, fingerprint) -> tracked.put(course, (int) fingerprint.rows()));
        return new CourseModules(fingerprints, tracked, modules.build());
    }
}
