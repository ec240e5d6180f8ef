package alx.reportapi.moodle;

import java.util.Map;

/**
 * What one scan of {@code course_modules} at the start of a run says about each course: the
 * fingerprint of its tracked modules ({@link ModuleFingerprints}), and how many modules it tracks.
 * <p>
 * Derivation counts a course's tracked modules from here rather than per pair, which would count
 * them again for every pair of the course. A module added or
 * untracked during the run changes the course's fingerprint, so the next run derives the course's
 * pairs again with the new count.
 *
 * The same scan indexes every module's course, so that a page's module completions are read
 * without joining {@code course_modules} again (see {@link ModuleCompletions}).
 *
 * @param fingerprints     per course
 * @param trackedPerCourse per course with at least one tracked module; absent means none
 * @param modules          every module the scan saw
 */
public record CourseModules(Map<Long, Digest> fingerprints, Map<Long, Integer> trackedPerCourse,
        ModuleIndex modules) {

    public static final CourseModules NONE = new CourseModules(Map.of(), Map.of(), ModuleIndex.EMPTY);

    public CourseModules {
        fingerprints = Map.copyOf(fingerprints);
        trackedPerCourse = Map.copyOf(trackedPerCourse);
    }

    public int tracked(long courseId) {
        return trackedPerCourse.getOrDefault(courseId, 0);
    }
}
