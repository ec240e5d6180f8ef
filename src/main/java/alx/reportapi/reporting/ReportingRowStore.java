package alx.reportapi.reporting;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Session;
import alx.reportapi.moodle.Disqualification;
import alx.reportapi.moodle.Disqualification.Reason;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /** MySQL applies these left to right, so the change test must come before the columns change. */
    private static final String CHANGED = "is_deleted <> 0 OR firstname <> VALUES(firstname)"
            + " OR lastname <> VALUES(lastname) OR email <> VALUES(email) OR username <> VALUES(username)"
            + " OR coursename <> VALUES(coursename) OR timecompleted <> VALUES(timecompleted)"
            + " OR timestarted <> VALUES(timestarted) OR percentage <> VALUES(percentage)"
            + " OR status <> VALUES(status)";
    private static final String UPSERT_TAIL = "ON DUPLICATE KEY UPDATE"
            + " last_updated = CASE WHEN " + CHANGED + " THEN VALUES(last_updated) ELSE last_updated END,"
            + " timemodified = CASE WHEN " + CHANGED + " THEN VALUES(timemodified) ELSE timemodified END,"
            + " firstname = VALUES(firstname), lastname = VALUES(lastname), email = VALUES(email),"
            + " username = VALUES(username), coursename = VALUES(coursename),"
            + " timecompleted = VALUES(timecompleted), timestarted = VALUES(timestarted),"
            + " percentage = VALUES(percentage), status = VALUES(status), is_deleted = 0";

    /** Inserts or updates (and revives) the rows, stamped with the session's time; returns how many were sent. */
    public int upsert(Session session, long companyId, Collection<ReportingRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        long now = session.now();
        try (BulkInsert insert = session.bulkInsert("local_alx_api_reporting", COLUMNS, UPSERT_TAIL, 500)) {
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
     * no longer qualifies (README, Behavior 25); returns how many were live.
     */
    public int softDelete(Session session, long companyId, Collection<Pair> pairs) throws SQLException {
        if (pairs.isEmpty()) {
            return 0;
        }
        long now = session.now();
        List<Pair> sent = List.copyOf(pairs);
        List<Pair> deleted = new ArrayList<>();
        try (PreparedStatement statement = session.prepare("""
                UPDATE {local_alx_api_reporting}
                   SET is_deleted = 1, last_updated = ?, timemodified = ?
                 WHERE companyid = ? AND userid = ? AND courseid = ? AND is_deleted = 0""")) {
            for (Pair pair : sent) {
                statement.setLong(1, now);
                statement.setLong(2, now);
                statement.setLong(3, companyId);
                statement.setLong(4, pair.userId());
                statement.setLong(5, pair.courseId());
                statement.addBatch();
            }
            int[] counts = statement.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    deleted.add(sent.get(i));
                }
            }
        }
        recordReasons(session, companyId, deleted, now);
        return deleted.size();
    }

    private static void recordReasons(Session session, long companyId, List<Pair> deleted, long now)
            throws SQLException {
        if (deleted.isEmpty()) {
            return;
        }
        Map<Pair, Reason> reasons = Disqualification.of(session, companyId, deleted);
        try (PreparedStatement statement = session.prepare("""
                INSERT INTO {local_alx_api_tombstone_reasons} (companyid, userid, courseid, reason, timecreated)
                VALUES (?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE reason = VALUES(reason), timecreated = VALUES(timecreated)""")) {
            for (Pair pair : deleted) {
                Reason reason = reasons.get(pair);
                statement.setLong(1, companyId);
                statement.setLong(2, pair.userId());
                statement.setLong(3, pair.courseId());
                statement.setString(4, reason == null ? null : reason.code());
                statement.setLong(5, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
