package alx.reportapi.moodle;

import java.io.Serializable;

/** A (user, course) pair within one company: the key of a reporting row, and the paging key. */
public record Pair(long userId, long courseId) implements Comparable<Pair>, Serializable {

    /** Before every real pair: where a company's pass starts. */
    public static final Pair START = new Pair(0, 0);

    @Override
    public int compareTo(Pair other) {
        int byUser = Long.compare(userId, other.userId);
        return byUser != 0 ? byUser : Long.compare(courseId, other.courseId);
    }
}
