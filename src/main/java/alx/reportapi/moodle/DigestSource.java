package alx.reportapi.moodle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * A Moodle table whose rows Moodle deletes or sets in place, digested per bucket (README, Behavior
 * 5): a block of {@value SourceDigests#USERS_PER_BLOCK} users, or one course. A changed user block
 * re-derives every pair of its users; a changed course every pair of the course, unless only its
 * name changed. The content columns are those a row takes that Moodle, an auth plugin or a feed
 * changes, with a timestamp or without: for the enrolments, users and courses the digest is the
 * only detector, their timestamps are not read (TimedChanges). The completions' digests count rows
 * only, for deletions; their changes in place are read by their stamps.
 */
public enum DigestSource {

    USER_ENROLMENTS(Grain.USER_BLOCK, "{user_enrolments}", "userid", "id, enrolid, status, timestart, timeend", false,
            false),
    /** Moodle's index on (userid, contextid, roleid) holds every column the digest reads. */
    ROLE_ASSIGNMENTS(Grain.USER_BLOCK, "{role_assignments}", "userid", "id, roleid, contextid", false, true),
    COMPANY_USERS(Grain.USER_BLOCK, "{company_users}", "userid", "id, companyid", false, false),
    USERS(Grain.USER_BLOCK, "{user}", "id", "id, deleted, suspended, username, firstname, lastname, email", false,
            false),
    /**
     * A course's tracked modules: how many, their id sum, the XOR of their ids. A tracked module
     * added or deleted (or being deleted), or tracking switched on or off, changes none of the
     * completions whose percentage it changes. Digested from the run's one read of course_modules
     * ({@link ModuleFingerprints#scan}), not by a statement of its own: the tracked counts the
     * run derives with come from the same read, so no module can be counted by one read and missed
     * by the other.
     */
    COURSE_MODULES(Grain.COURSE, "{course_modules}", "course", null, false, false),
    /**
     * Only deletions and insertions: the completion cron's updates, stamped with a criterion's
     * time, are re-read by time over a window (TimedChanges), pair by pair, where a content digest
     * would re-derive a whole block of users for each completion.
     */
    COURSE_COMPLETIONS(Grain.USER_BLOCK, "{course_completions}", "userid", null, false, true),
    /**
     * The largest table: Moodle stamps every update of a row, so only deletions are digested, up
     * to the watermark; rows above it are read by id as insertions, whatever their timestamp.
     */
    MODULE_COMPLETIONS(Grain.USER_BLOCK, "{course_modules_completion}", "userid", null, true, true),
    /** Whether a course is reported at all: hidden, shown, created or deleted, its pairs are derived again. */
    COURSE_VISIBILITY(Grain.COURSE, "{course}", "id", "id, visible", false, false),
    /**
     * A course's name, the only other column of the course a row takes: a course renamed and
     * nothing else is written into its live rows once for the site ({@link #renamesOnly()}),
     * where deriving its pairs again rewrote a large course's rows company by company.
     */
    COURSE_NAMES(Grain.COURSE, "{course}", "id", "id, fullname", false, false),
    ENROL_INSTANCES(Grain.COURSE, "{enrol}", "courseid", "id, status, enrol", false, false);

    /** What a bucket is. */
    public enum Grain {
        USER_BLOCK, COURSE
    }

    private final Grain grain;
    private final String table;
    private final String keyColumn;
    private final String contentColumns;
    private final boolean readsInsertsById;
    private final boolean userIndexCovers;

    /**
     * @param contentColumns   the columns whose values the digest covers; null for none (only
     *                         the rows' count and ids)
     * @param readsInsertsById rows above a watermark are read by id instead of digested
     * @param userIndexCovers  an index of Moodle's starts with the user and holds every column the
     *                         digest reads (the id with it)
     */
    DigestSource(Grain grain, String table, String keyColumn, String contentColumns, boolean readsInsertsById,
            boolean userIndexCovers) {
        this.grain = grain;
        this.table = table;
        this.keyColumn = keyColumn;
        this.contentColumns = contentColumns;
        this.readsInsertsById = readsInsertsById;
        this.userIndexCovers = userIndexCovers;
    }

    public Grain grain() {
        return grain;
    }

    /** The table, as a template. */
    String table() {
        return table;
    }

    /** The sources read by statements of their own, one reading each; the rest come from the run's scan. */
    public static List<DigestSource> readByStatement() {
        return Arrays.stream(values()).filter(source -> source != COURSE_MODULES).toList();
    }

    /**
     * Whether a changed bucket means only that the course's name changed: its live rows take the
     * new name, and its pairs are derived again only when another source changed the course too.
     */
    public boolean renamesOnly() {
        return this == COURSE_NAMES;
    }

    /** Whether rows above a watermark are read by id instead of digested. */
    public boolean readsInsertsById() {
        return readsInsertsById;
    }

    /**
     * Whether the source's rows are compared by their totals before their buckets: a digest of
     * counts and ids alone (no content) changes only when the totals do.
     */
    boolean checkedByTotals() {
        return contentColumns == null;
    }

    /**
     * One statement: the rows and their id sum; for a source that reads its insertions by id, the
     * rows up to the watermark (one parameter), counted only. Moodle's ids only grow, so no row is
     * ever added below the watermark and only a deletion changes what lies there, which lowers the
     * count; summing the ids as well made MariaDB's reading of the largest table a third longer
     * (docs/BENCHMARKS.md).
     */
    String totalsStatement() {
        // Up to a watermark near the highest id, MariaDB takes the primary key's range, i.e. the
        // whole clustered table, where the smallest secondary index holds every id too.
        return readsInsertsById
                ? "SELECT COUNT(*) FROM " + table + " /*! IGNORE INDEX (PRIMARY) */ WHERE id <= ?"
                : "SELECT COUNT(*), COALESCE(SUM(id), 0) FROM " + table;
    }

    /** Whether {@link #totalsStatement()} answered the stored rows and id sum. */
    boolean sameTotals(ResultSet totals, long storedRows, long storedIdSum) throws SQLException {
        return totals.getLong(1) == storedRows && (readsInsertsById || totals.getLong(2) == storedIdSum);
    }

    /**
     * One statement: (bucket, rows, id sum, content XOR) per bucket; with a watermark, one
     * parameter, the highest id to include.
     */
    String digestStatement(SqlDialect dialect) {
        String bucket = grain == Grain.USER_BLOCK
                ? dialect.integerDivision(keyColumn, SourceDigests.USERS_PER_BLOCK) : keyColumn;
        if (userIndexCovers) {
            return perUserThenBlock(bucket, dialect);
        }
        String content = contentColumns == null ? "0" : dialect.xorOfRowHashes(contentColumns);
        return "SELECT " + bucket + " AS bucket, COUNT(*), COALESCE(SUM(id), 0), " + content
                + " FROM " + table + " GROUP BY " + bucket;
    }

    /**
     * The same digests, per user first, then per block: counts and id sums add up, and content
     * hashes XOR together, whatever the grouping. Grouped by block straight away, MariaDB reads
     * the table and sorts it by block; the index that starts with the user and holds every column
     * read is smaller and read in user order, so the per-user grouping needs no sort, and the
     * per-block one groups one row per user. Up to the watermark, when the source has one: it sits
     * near the highest id, and on the primary key's range MariaDB would read the whole table.
     */
    private String perUserThenBlock(String bucket, SqlDialect dialect) {
        String content = contentColumns == null ? "0" : dialect.xorOfRowHashes(contentColumns);
        String blockContent = contentColumns == null ? "0" : dialect.xorOf("per_user.content");
        return "SELECT " + bucket + " AS bucket, SUM(per_user.rows_count), SUM(per_user.id_sum), " + blockContent
                + " FROM (SELECT " + keyColumn + ", COUNT(*) AS rows_count, SUM(id) AS id_sum, " + content
                + " AS content FROM " + table + " /*! IGNORE INDEX (PRIMARY) */"
                + (readsInsertsById ? " WHERE id <= ?" : "") + " GROUP BY " + keyColumn
                + ") per_user GROUP BY " + bucket;
    }
}
