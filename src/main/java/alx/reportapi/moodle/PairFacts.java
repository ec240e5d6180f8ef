package alx.reportapi.moodle;

/**
 * What Moodle says about one qualifying pair, before the reporting rules are applied.
 *
 * @param courseTimeCompleted {@code course_completions.timecompleted}, 0 when absent
 * @param courseTimeStarted   {@code course_completions.timestarted}, 0 when absent
 * @param trackedModules      modules of the course with completion tracking, not being deleted
 * @param completedModules    of those, the ones the user completed (state 1 or 2)
 * @param lastCompletedAt     latest {@code timemodified} among those completions, 0 when none
 * @param progressedModules   module completion records of the course with state above 0
 * @param firstEnrolmentStart earliest start among the user's active enrolments in the course
 */
public record PairFacts(long userId, long courseId, String firstname, String lastname, String email,
        String username, String coursename, long courseTimeCompleted, long courseTimeStarted, int trackedModules,
        int completedModules, long lastCompletedAt, int progressedModules, long firstEnrolmentStart) {
}
