package alx.reportapi.report;

/**
 * A place in a company's change feed: changes are ordered by {@code last_updated}, then user and
 * course, and a position is the last change a client has (README, Behavior 25).
 */
public record ChangePosition(long lastUpdated, long userId, long courseId) {

    /** Before every change stamped after {@code time}. */
    public static ChangePosition after(long time) {
        return new ChangePosition(time, Long.MAX_VALUE, Long.MAX_VALUE);
    }
}
