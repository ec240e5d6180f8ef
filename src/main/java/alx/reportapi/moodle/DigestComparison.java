package alx.reportapi.moodle;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * What one run's {@link SourceDigests#read readings}, {@link SourceDigests#combine combined}, found: the buckets that changed since the previous
 * run, the pairs found by id, and the digests to store. Applied once, in the run's fenced
 * preparation, so that a run that lost its lock stores nothing.
 *
 * @param stored            the digests the comparison started from
 * @param toStore           the digests the next run compares against
 * @param changedUserBlocks blocks of {@value SourceDigests#USERS_PER_BLOCK} users whose rows changed
 * @param changedCourses    courses whose rows changed
 * @param renamedCourses    courses whose name alone changed: their live rows take it, and their
 *                          pairs are not derived again (none is among {@code changedCourses})
 * @param insertedPairs     (user, course) pairs of rows found above a watermark
 */
public record DigestComparison(Map<DigestSource, Map<Long, Digest>> stored,
        Map<DigestSource, Map<Long, Digest>> toStore, Set<Long> changedUserBlocks, Set<Long> changedCourses,
        Set<Long> renamedCourses, Set<Pair> insertedPairs) {

    private static final String OBSERVED = "local_alx_api_observed_changes";

    /**
     * Records the changes as observed now, in {@code local_alx_api_observed_changes}, and stores
     * the digests. Observations older than {@code purgeBefore} (every company's cursor is later)
     * are purged.
     */
    public void apply(Session session, long purgeBefore) throws SQLException {
        session.update("DELETE FROM {" + OBSERVED + "} WHERE observed_at < ?", purgeBefore);
        long now = session.now();
        try (BulkInsert insert = session.bulkInsert(OBSERVED, "userid,courseid,observed_at",
                "ON DUPLICATE KEY UPDATE observed_at = VALUES(observed_at)", 1000)) {
            for (long block : changedUserBlocks) {
                for (long user = block * SourceDigests.USERS_PER_BLOCK;
                        user < (block + 1) * SourceDigests.USERS_PER_BLOCK; user++) {
                    if (user > 0) {
                        insert.row(user, 0, now);
                    }
                }
            }
            for (long course : changedCourses) {
                insert.row(0, course, now);
            }
            for (Pair pair : insertedPairs) {
                insert.row(pair.userId(), pair.courseId(), now);
            }
        }
        SourceDigests.store(session, stored, toStore);
    }

    /** How many observations the run records (user blocks, courses and pairs), and courses renamed. */
    public int observations() {
        return changedUserBlocks.size() + changedCourses.size() + renamedCourses.size() + insertedPairs.size();
    }
}
