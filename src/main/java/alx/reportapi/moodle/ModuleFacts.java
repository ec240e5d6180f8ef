package alx.reportapi.moodle;

/**
 * A user's module completions in one course, as the reporting rules count them ({@link ProgressRules}); a pair without any has none.
 *
 * @param completed       tracked modules done (completion state 1 or 2)
 * @param lastCompletedAt when the last of them was done; 0 if none
 * @param progressed      modules of the course with any completion state above 0, tracked or not
 */
record ModuleFacts(int completed, long lastCompletedAt, int progressed) {

    static final ModuleFacts NONE = new ModuleFacts(0, 0, 0);

    /** These facts with one more completion of a module of the course. */
    ModuleFacts plus(boolean tracked, int completionState, long timeModified) {
        boolean done = tracked && (completionState == 1 || completionState == 2);
        return new ModuleFacts(done ? completed + 1 : completed,
                done ? Math.max(lastCompletedAt, timeModified) : lastCompletedAt,
                completionState > 0 ? progressed + 1 : progressed);
    }
}
