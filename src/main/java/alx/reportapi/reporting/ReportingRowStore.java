package alx.reportapi.reporting;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.moodle.Disqualification;
import alx.reportapi.moodle.Disqualification.Reason;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes {@code local_alx_api_reporting}: idempotent batched upserts of live rows, and soft
 * deletes, so that re-reading an overlap or replaying a chunk after a restart changes nothing.
 * <p>
 * {@code last_updated} moves only when a row's content or liveness changes: incremental report
 * clients page on it, and a re-derived but identical row is no news to them.
 */
public final class ReportingRowStore {

    private static final String COLUMNS = "userid,companyid,courseid,firstname,lastname,email,username,coursename,"
            + "timecompleted,timestarted,percentage,status,last_updated,is_deleted,timecreated,timemodified";

    /**
     * The upsert's tail for MySQL and MariaDB: text compared byte for byte. Under the column's
     * collation "mcdonald" equals "McDonald" (and "x" equals "x "), so such a change was written
     * without moving {@code last_updated}, and an incremental client never fetched it.
     */
    private static final String UPSERT_TAIL_MYSQL = upsertTail("CAST(%1$s AS BINARY) <> CAST(VALUES(%1$s) AS BINARY)");
    /** The demo's H2 compares text exactly already. */
    private static final String UPSERT_TAIL_H2 = upsertTail("%1$s <> VALUES(%1$s)");

    /** MySQL applies the assignments left to right, so the change test must come before the columns change. */
    private static String upsertTail(String textDiffers) {
        String changed = Stream.of("firstname", "lastname", "email", "username", "coursename", "status")
                .map(textDiffers::formatted)
                .collect(Collectors.joining(" OR ", "is_deleted <> 0 OR ", " OR timecompleted <> VALUES(timecompleted)"
                        + " OR timestarted <> VALUES(timestarted) OR percentage <> VALUES(percentage)"));
        return "ON DUPLICATE KEY UPDATE"
                + " last_updated = CASE WHEN " + changed + " THEN VALUES(last_updated) ELSE last_updated END,"
                + " timemodified = CASE WHEN " + changed + " THEN VALUES(timemodified) ELSE timemodified END,"
                + " firstname = VALUES(firstname), lastname = VALUES(lastname), email = VALUES(email),"
                + " username = VALUES(username), coursename = VALUES(coursename),"
                + " timecompleted = VALUES(timecompleted), timestarted = VALUES(timestarted),"
                + " percentage = VALUES(percentage), status = VALUES(status), is_deleted = 0";
    }

    /** Pairs soft-deleted by one statement; each pair is two parameters. */
    static final int PAIRS_PER_STATEMENT = 256;

    /**
     * The live rows of listed pairs, one parameter for the company, then two per pair: the
     * company's (companyid, is_deleted, userid, courseid) index reads each pair by key.
     */
    private static final String LIVE_ROWS_OF_PAIRS = " WHERE companyid = ? AND is_deleted = 0 AND (userid, courseid) IN (%s)";

    /** Inserts or updates (and revives) the rows, stamped with the session's time; returns how many were sent. */
    public int upsert(Session session, long companyId, Collection<ReportingRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        long now = session.now();
        String tail = Database.isMysql(session.connection()) ? UPSERT_TAIL_MYSQL : UPSERT_TAIL_H2;
        try (BulkInsert insert = session.bulkInsert("local_alx_api_reporting", COLUMNS, tail, 500)) {
            for (ReportingRow row : rows) {
                insert.row(row.userId(), companyId, row.courseId(), row.firstname(), row.lastname(), row.email(),
                        row.username(), row.coursename(), row.timecompleted(), row.timestarted(), row.percentage(),
                        row.status(), now, 0, now, now);
            }
        }
        return rows.size();
    }

    /**
     * Marks live rows of the pairs deleted, stamped with the session's time, and records why each
     * no longer qualifies (README, Behavior 25); returns how many were live. Set-based: a hidden
     * course ends every row of it, and one statement per row made that cost a round trip each.
     */
    public int softDelete(Session session, long companyId, Collection<Pair> pairs) throws SQLException {
        if (pairs.isEmpty()) {
            return 0;
        }
        long now = session.now();
        List<Pair> sent = List.copyOf(pairs);
        List<Pair> deleted = new ArrayList<>();
        for (int from = 0; from < sent.size(); from += PAIRS_PER_STATEMENT) {
            List<Pair> chunk = sent.subList(from, Math.min(sent.size(), from + PAIRS_PER_STATEMENT));
            String live = LIVE_ROWS_OF_PAIRS.formatted(pairList(chunk.size()));
            Object[] livePairs = parameters(companyId, chunk);
            deleted.addAll(session.list("SELECT userid, courseid FROM {local_alx_api_reporting}" + live,
                    rs -> new Pair(rs.getLong(1), rs.getLong(2)), livePairs));
            List<Object> update = new ArrayList<>(List.of(now, now));
            update.addAll(List.of(livePairs));
            session.update("UPDATE {local_alx_api_reporting} SET is_deleted = 1, last_updated = ?, timemodified = ?"
                    + live, update.toArray());
        }
        recordReasons(session, companyId, deleted, now);
        return deleted.size();
    }

    /**
     * The live rows of a course whose name differs from the course's, in every company, with the
     * name: reached through the course's enrolments and the (user, course) index, as the table has
     * no index that starts with the course. A live row whose enrolment is gone is no longer the
     * course's to keep; the deletion changed its user's digest, and the pass that ends it runs.
     * Compared here, not in SQL: MariaDB's collation would take a change of case for no change.
     */
    private static final String LIVE_ROWS_OF_COURSE = """
            SELECT DISTINCT r.id, r.coursename, c.fullname
              FROM {enrol} e
              JOIN {user_enrolments} ue ON ue.enrolid = e.id
              JOIN {local_alx_api_reporting} r ON r.userid = ue.userid AND r.courseid = e.courseid
              JOIN {course} c ON c.id = e.courseid
             WHERE e.courseid = ? AND r.is_deleted = 0""";

    /**
     * Writes each course's name into its live rows, in every company, stamped with the session's
     * time (README, Behavior 5): a course renamed and nothing else changes no other column of a
     * row, so its pairs need not be derived again. Rows that hold the name already are left alone,
     * so {@code last_updated} moves only for news. Returns how many rows took a new name.
     */
    public int renameCourses(Session session, Collection<Long> courses) throws SQLException {
        int renamed = 0;
        for (long course : courses) {
            List<NamedRow> live = session.list(LIVE_ROWS_OF_COURSE,
                    rs -> new NamedRow(rs.getLong(1), rs.getString(2), rs.getString(3)), course);
            List<Long> stale = live.stream().filter(NamedRow::stale).map(NamedRow::id).toList();
            if (!stale.isEmpty()) {
                renamed += setCourseName(session, stale, live.get(0).courseName());
            }
        }
        return renamed;
    }

    /** A live row of a course, the name it holds and the course's. */
    private record NamedRow(long id, String storedName, String courseName) {
        boolean stale() {
            return !Objects.equals(courseName, storedName);
        }
    }

    /** Sets the name of the rows {@code ids}, in statements of at most {@value #PAIRS_PER_STATEMENT} ids. */
    private static int setCourseName(Session session, List<Long> ids, String name) throws SQLException {
        long now = session.now();
        for (int from = 0; from < ids.size(); from += PAIRS_PER_STATEMENT) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + PAIRS_PER_STATEMENT));
            int padded = paddedSize(chunk.size());
            List<Object> parameters = new ArrayList<>(List.of(name, now, now));
            for (int i = 0; i < padded; i++) {
                parameters.add(chunk.get(Math.min(i, chunk.size() - 1)));
            }
            session.update("UPDATE {local_alx_api_reporting} SET coursename = ?, last_updated = ?, timemodified = ?"
                    + " WHERE id IN (" + String.join(", ", Collections.nCopies(padded, "?")) + ")",
                    parameters.toArray());
        }
        return ids.size();
    }

    /**
     * A statement's pair list for {@code pairs} pairs, padded to the next power of two and to two
     * pairs at least: the driver keeps every statement text it parsed, per connection, so a text
     * for each page's count would accumulate; and MariaDB plans an UPDATE whose list holds a single
     * pair as a row equality it does not read by key, intersecting the company's index with the
     * live rows' instead. A repeated pair changes nothing in an IN list.
     */
    private static String pairList(int pairs) {
        return String.join(", ", Collections.nCopies(paddedSize(pairs), "(?, ?)"));
    }

    static int paddedSize(int pairs) {
        return pairs <= 2 ? 2 : Math.min(PAIRS_PER_STATEMENT, Integer.highestOneBit(pairs - 1) << 1);
    }

    /** The company, then each pair's user and course, the last repeated up to the padded size. */
    private static Object[] parameters(long companyId, List<Pair> chunk) {
        int padded = paddedSize(chunk.size());
        Object[] parameters = new Object[1 + 2 * padded];
        parameters[0] = companyId;
        for (int i = 0; i < padded; i++) {
            Pair pair = chunk.get(Math.min(i, chunk.size() - 1));
            parameters[1 + 2 * i] = pair.userId();
            parameters[2 + 2 * i] = pair.courseId();
        }
        return parameters;
    }

    private static void recordReasons(Session session, long companyId, List<Pair> deleted, long now)
            throws SQLException {
        if (deleted.isEmpty()) {
            return;
        }
        Map<Pair, Reason> reasons = Disqualification.of(session, companyId, deleted);
        try (BulkInsert insert = session.bulkInsert("local_alx_api_tombstone_reasons",
                "companyid,userid,courseid,reason,timecreated",
                "ON DUPLICATE KEY UPDATE reason = VALUES(reason), timecreated = VALUES(timecreated)",
                PAIRS_PER_STATEMENT)) {
            for (Pair pair : deleted) {
                Reason reason = reasons.get(pair);
                insert.row(companyId, pair.userId(), pair.courseId(), reason == null ? null : reason.code(), now);
            }
        }
    }
}
