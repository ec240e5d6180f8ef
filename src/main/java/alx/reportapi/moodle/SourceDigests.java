package alx.reportapi.moodle;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Session;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds what Moodle changed without a timestamp since the previous run (README, Behavior 5): each
 * {@link DigestSource} is digested per bucket and compared with what the previous run stored. A
 * bucket that differs becomes an observation, stamped when this run saw it, which the run's
 * {@link TimedChanges} then treats like a timestamped change. Rows of a source read by id above
 * its watermark become observed pairs whatever their timestamp.
 * <p>
 * The first run that finds no stored digests for a source only stores them: what changed before
 * it is for the rolling verification to find.
 */
public final class SourceDigests {

    public static final int USERS_PER_BLOCK = 16;

    /** The bucket of a source's row that records its watermark and that its digests exist. */
    static final long MARKER_BUCKET = -1;

    /** Rows read by id per statement, and statements per run; the rest waits for the next run. */
    static final int INSERTED_PER_STATEMENT = 5_000;
    static final int INSERTED_STATEMENTS = 40;

    /** The most statements one source's reading runs: watermark, digest, inserted rows. */
    public static final int MOST_STATEMENTS_PER_SOURCE = 2 + INSERTED_STATEMENTS;

    private static final String TABLE = "{local_alx_api_source_digests}";

    private SourceDigests() {
    }

    /**
     * What one source holds now, compared with what it held at the previous run. Sources read in
     * sessions of their own may be read side by side.
     *
     * @param changedBuckets buckets that differ; none when the source had no stored digests yet
     * @param toStore        the digests and the watermark the next run compares against
     * @param insertedPairs  pairs of the rows found above the watermark
     */
    public record SourceReading(DigestSource source, Set<Long> changedBuckets, Map<Long, Digest> toStore,
            Set<Pair> insertedPairs) {
    }

    /** Reads one source and compares it with {@code stored}, every source's stored digests. */
    public static SourceReading read(Session session, DigestSource source, Map<DigestSource, Map<Long, Digest>> stored)
            throws SQLException {
        if (!DigestSource.readByStatement().contains(source)) {
            throw new IllegalArgumentException(source + " is digested from the run's scan (ofScan), not read");
        }
        SqlDialect dialect = SqlDialect.of(session);
        Map<Long, Digest> before = stored.getOrDefault(source, Map.of());
        boolean baseline = !before.containsKey(MARKER_BUCKET);
        long watermark = before.getOrDefault(MARKER_BUCKET, Digest.EMPTY).rows();
        if (source.readsInsertsById() && baseline) {
            watermark = session.number("SELECT COALESCE(MAX(id), 0) FROM " + source.table());
        }
        Map<Long, Digest> now = !baseline && source.checkedByTotals() && sameTotals(session, source, watermark, before)
                ? withoutMarker(before) : current(session, source, dialect, watermark);
        Set<Long> changed = baseline ? Set.of() : differing(before, now);
        Set<Pair> insertedPairs = new HashSet<>();
        if (source.readsInsertsById() && !baseline) {
            watermark = addInserted(session, source, watermark, now, insertedPairs);
        }
        now.put(MARKER_BUCKET, new Digest(watermark, 0, 0));
        return new SourceReading(source, changed, now, insertedPairs);
    }

    /**
     * The run's scan of course_modules as the {@link DigestSource#COURSE_MODULES} source's reading:
     * its fingerprints compared with those the previous run stored.
     */
    public static SourceReading ofScan(CourseModules scan, Map<DigestSource, Map<Long, Digest>> stored) {
        Map<Long, Digest> before = stored.getOrDefault(DigestSource.COURSE_MODULES, Map.of());
        Map<Long, Digest> now = new HashMap<>(scan.fingerprints());
        Set<Long> changed = before.containsKey(MARKER_BUCKET) ? differing(before, now) : Set.of();
        now.put(MARKER_BUCKET, Digest.EMPTY);
        return new SourceReading(DigestSource.COURSE_MODULES, changed, now, Set.of());
    }

    /** The comparison of every source's reading. */
    public static DigestComparison combine(Map<DigestSource, Map<Long, Digest>> stored, List<SourceReading> readings) {
        Map<DigestSource, Map<Long, Digest>> toStore = new EnumMap<>(DigestSource.class);
        Set<Long> changedUserBlocks = new HashSet<>();
        Set<Long> changedCourses = new HashSet<>();
        Set<Long> renamedCourses = new HashSet<>();
        Set<Pair> insertedPairs = new HashSet<>();
        for (SourceReading reading : readings) {
            toStore.put(reading.source(), reading.toStore());
            Set<Long> into = reading.source().renamesOnly() ? renamedCourses
                    : reading.source().grain() == DigestSource.Grain.COURSE ? changedCourses : changedUserBlocks;
            into.addAll(reading.changedBuckets());
            insertedPairs.addAll(reading.insertedPairs());
        }
        // A course whose pairs are derived again takes its new name with them.
        renamedCourses.removeAll(changedCourses);
        return new DigestComparison(stored, toStore, changedUserBlocks, changedCourses, renamedCourses, insertedPairs);
    }

    /** Every source's stored digests, by source and bucket. */
    public static Map<DigestSource, Map<Long, Digest>> stored(Session session) throws SQLException {
        Map<DigestSource, Map<Long, Digest>> stored = new EnumMap<>(DigestSource.class);
        try (PreparedStatement statement = session.prepare(
                "SELECT source, bucket, rows_count, id_sum, content_xor FROM " + TABLE);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                DigestSource source;
                try {
                    source = DigestSource.valueOf(rs.getString(1));
                } catch (IllegalArgumentException retired) {
                    continue;
                }
                stored.computeIfAbsent(source, key -> new HashMap<>())
                        .put(rs.getLong(2), new Digest(rs.getLong(3), rs.getLong(4), rs.getLong(5)));
            }
        }
        return stored;
    }

    /**
     * Whether the source holds as many rows with the same id sum as the stored digests together
     * (up to the watermark, as many rows: {@link DigestSource#totalsStatement()}): then no bucket can
     * differ. A deletion lowers the count, and an insertion takes an id above every other, so no mix
     * of them keeps both numbers. One aggregate
     * over the table's smallest index costs a fraction of the per-bucket grouping, which only a
     * source whose totals moved pays.
     */
    private static boolean sameTotals(Session session, DigestSource source, long watermark, Map<Long, Digest> before)
            throws SQLException {
        long rows = 0;
        long idSum = 0;
        for (Map.Entry<Long, Digest> bucket : before.entrySet()) {
            if (bucket.getKey() != MARKER_BUCKET) {
                rows += bucket.getValue().rows();
                idSum += bucket.getValue().idSum();
            }
        }
        Object[] parameters = source.readsInsertsById() ? new Object[] {watermark} : new Object[0];
        long storedRows = rows;
        long storedIdSum = idSum;
        return session.first(source.totalsStatement(), rs -> source.sameTotals(rs, storedRows, storedIdSum),
                parameters).orElse(false);
    }

    private static Map<Long, Digest> withoutMarker(Map<Long, Digest> digests) {
        Map<Long, Digest> copy = new HashMap<>(digests);
        copy.remove(MARKER_BUCKET);
        return copy;
    }

    private static Map<Long, Digest> current(Session session, DigestSource source, SqlDialect dialect, long watermark)
            throws SQLException {
        Map<Long, Digest> digests = new HashMap<>();
        Object[] parameters = source.readsInsertsById() ? new Object[] {watermark} : new Object[0];
        try (PreparedStatement statement = session.prepare(source.digestStatement(dialect), parameters);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                digests.put(rs.getLong(1), new Digest(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return digests;
    }

    /**
     * Rows above the watermark, in id order, become observed pairs and are added to the digests
     * to store. Returns the new watermark: the highest id read.
     */
    private static long addInserted(Session session, DigestSource source, long watermark, Map<Long, Digest> digests,
            Set<Pair> insertedPairs) throws SQLException {
        if (source != DigestSource.MODULE_COMPLETIONS) {
            throw new IllegalArgumentException(source + " has no statement for its inserted rows");
        }
        long after = watermark;
        for (int statement = 0; statement < INSERTED_STATEMENTS; statement++) {
            int read = 0;
            try (PreparedStatement select = session.prepare("""
                    SELECT cmc.id, cmc.userid, cm.course
                      FROM {course_modules_completion} cmc
                      LEFT JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid
                     WHERE cmc.id > ?
                     ORDER BY cmc.id
                     LIMIT ?""", after, INSERTED_PER_STATEMENT);
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    read++;
                    long id = rs.getLong(1);
                    long userId = rs.getLong(2);
                    long courseId = rs.getLong(3);
                    digests.merge(userId / USERS_PER_BLOCK, Digest.EMPTY.plusRow(id),
                            (a, b) -> new Digest(a.rows() + b.rows(), a.idSum() + b.idSum(), a.contentXor()));
                    if (courseId > 0) {
                        insertedPairs.add(new Pair(userId, courseId));
                    }
                    after = id;
                }
            }
            if (read < INSERTED_PER_STATEMENT) {
                break;
            }
        }
        return after;
    }

    /** Buckets whose digest differs, in either direction; the marker is not a bucket. */
    static Set<Long> differing(Map<Long, Digest> before, Map<Long, Digest> now) {
        Set<Long> changed = new HashSet<>();
        Set<Long> buckets = new HashSet<>(before.keySet());
        buckets.addAll(now.keySet());
        buckets.remove(MARKER_BUCKET);
        for (Long bucket : buckets) {
            if (!Objects.equals(before.get(bucket), now.get(bucket))) {
                changed.add(bucket);
            }
        }
        return changed;
    }

    /** Writes what differs between the stored digests and those to store: deletes first, then inserts. */
    static void store(Session session, Map<DigestSource, Map<Long, Digest>> stored,
            Map<DigestSource, Map<Long, Digest>> toStore) throws SQLException {
        List<Object[]> inserts = new ArrayList<>();
        try (PreparedStatement delete = session.prepare("DELETE FROM " + TABLE + " WHERE source = ? AND bucket = ?")) {
            boolean anyDelete = false;
            for (Map.Entry<DigestSource, Map<Long, Digest>> entry : toStore.entrySet()) {
                DigestSource source = entry.getKey();
                Map<Long, Digest> before = stored.getOrDefault(source, Map.of());
                Map<Long, Digest> after = entry.getValue();
                Set<Long> buckets = new HashSet<>(before.keySet());
                buckets.addAll(after.keySet());
                for (Long bucket : buckets) {
                    Digest old = before.get(bucket);
                    Digest now = after.get(bucket);
                    if (Objects.equals(old, now)) {
                        continue;
                    }
                    if (old != null) {
                        delete.setString(1, source.name());
                        delete.setLong(2, bucket);
                        delete.addBatch();
                        anyDelete = true;
                    }
                    if (now != null) {
                        inserts.add(new Object[] {source.name(), bucket, now.rows(), now.idSum(), now.contentXor()});
                    }
                }
            }
            if (anyDelete) {
                delete.executeBatch();
            }
        }
        try (BulkInsert insert = session.bulkInsert("local_alx_api_source_digests",
                "source,bucket,rows_count,id_sum,content_xor", "", 1000)) {
            for (Object[] row : inserts) {
                insert.row(row);
            }
        }
    }
}
