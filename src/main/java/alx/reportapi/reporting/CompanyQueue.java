package alx.reportapi.reporting;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.Pair;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Companies as a queue (README, Behavior 4 and 9): served in order of (pass in progress first,
 * priority, oldest successful sync), so a budget that always runs out still reaches every company
 * in turn. A failing company is retried on later runs, up to {@link #MAX_RETRIES} times, each later
 * and at a lower priority, then parked until an admin retries it or its data changes.
 * <p>
 * The queue row also describes the company's pass in progress, if any: its mode, when its change
 * detection began and how far it got.
 */
public final class CompanyQueue {

    public static final int MAX_RETRIES = 3;
    /** Delay before retry n (1-based): growing, and each shorter than the hourly schedule's gap. */
    private static final long[] RETRY_DELAY_SECONDS = {300, 900, 2700};
    private static final int MAX_ERROR_LENGTH = 2000;

    private static final String STATE_COLUMNS = "s.companyid, s.priority, s.retry_count, s.next_attempt_at,"
            + " s.parked, s.last_success_at, s.pass_mode, s.pass_started_at, s.resume_userid, s.resume_courseid,"
            + " s.pass_rows, s.last_error";

    /** Gives every company a queue row; companies created since the last run join at the front. */
    public void enrolNewCompanies(Session session) throws SQLException {
        session.update("""
                INSERT IGNORE INTO {local_alx_api_company_sync} (companyid, timemodified)
                SELECT id, ? FROM {company}""", session.now());
    }

    /**
     * Up to {@code limit} due companies this run (its run-log id, unique across nodes, unlike batch
     * execution ids) has not attempted yet, in queue order. Parked companies and those waiting for
     * their retry time are passed over.
     */
    public List<CompanySyncState> due(Session session, long runId, int limit) throws SQLException {
        return session.list("SELECT " + STATE_COLUMNS + """
                  FROM {local_alx_api_company_sync} s
                  JOIN {company} c ON c.id = s.companyid
                 WHERE s.parked = 0 AND s.next_attempt_at <= UNIX_TIMESTAMP() AND s.last_run_id <> ?
                 ORDER BY CASE WHEN s.pass_started_at > 0 THEN 0 ELSE 1 END, s.priority, s.last_success_at, s.companyid
                 LIMIT ?""", CompanyQueue::state, runId, limit);
    }

    /**
     * A pass this run took on and has not finished, other than {@code exceptCompanyId}'s: the run
     * pages one pass at a time, and starts the next one shortly before the current one's last page.
     */
    public Optional<CompanySyncState> passOfRun(Session session, long runId, long exceptCompanyId)
            throws SQLException {
        return session.first("SELECT " + STATE_COLUMNS + """
                  FROM {local_alx_api_company_sync} s
                 WHERE s.last_run_id = ? AND s.pass_started_at > 0 AND s.companyid <> ?
                 ORDER BY s.last_attempt_at, s.companyid
                 LIMIT 1""", CompanyQueue::state, runId, exceptCompanyId);
    }

    public Optional<CompanySyncState> get(Session session, long companyId) throws SQLException {
        return session.first("SELECT " + STATE_COLUMNS + " FROM {local_alx_api_company_sync} s WHERE s.companyid = ?",
                CompanyQueue::state, companyId);
    }

    /** How many due companies this run has not reached or left mid-pass: what a partial run leaves. */
    public int remaining(Session session, long runId) throws SQLException {
        return (int) session.number("""
                SELECT COUNT(*) FROM {local_alx_api_company_sync} s JOIN {company} c ON c.id = s.companyid
                 WHERE s.parked = 0 AND s.next_attempt_at <= ?
                   AND (s.last_run_id <> ? OR s.pass_started_at > 0)""", session.now(), runId);
    }

    /** This run takes on the company's pass in progress, left by an earlier run. */
    public void claim(Session session, long companyId, long runId) throws SQLException {
        session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET last_attempt_at = ?, last_run_id = ?, timemodified = ?
                 WHERE companyid = ?""", session.now(), runId, session.now(), companyId);
    }

    /**
     * A pass begins, and this run's attempt at the company is marked with it.
     *
     * @param passStartedAt     when the pass's change detection started, by the database clock
     */
    public void startPass(Session session, long companyId, long runId, String mode, long passStartedAt)
            throws SQLException {
        session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET pass_mode = ?, pass_started_at = ?, resume_userid = 0, resume_courseid = 0, pass_rows = 0,
                       last_attempt_at = ?, last_run_id = ?, timemodified = ?
                 WHERE companyid = ?""", mode, passStartedAt, session.now(), runId, session.now(), companyId);
    }

    /** A page is written: the pass resumes after {@code written} from now on, in this run or the next. */
    public void recordProgress(Session session, long companyId, Pair written, int rows) throws SQLException {
        session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET resume_userid = ?, resume_courseid = ?, pass_rows = pass_rows + ?, timemodified = ?
                 WHERE companyid = ?""", written.userId(), written.courseId(), rows, session.now(), companyId);
    }

    /** The pass completed: the company goes back to the end of the queue with a clean record. */
    public void complete(Session session, long companyId) throws SQLException {
        session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET priority = 0, retry_count = 0, next_attempt_at = 0, parked = 0, parked_at = 0, last_error = NULL,
                       last_success_at = ?, pass_mode = '', pass_started_at = 0, resume_userid = 0,
                       resume_courseid = 0, pass_rows = 0, timemodified = ?
                 WHERE companyid = ?""", session.now(), session.now(), companyId);
    }

    /**
     * The company's sync failed: retry later at a lower priority, or park it after the last retry.
     * Its pass is abandoned, so the retry detects changes again from the unchanged cursor.
     *
     * @return true if the company is now parked
     */
    public boolean fail(Session session, long companyId, String error) throws SQLException {
        CompanySyncState state = get(session, companyId).orElseThrow(
                () -> new SQLException("company " + companyId + " has no queue row"));
        int retries = state.retryCount() + 1;
        boolean park = retries > MAX_RETRIES;
        long now = session.now();
        long nextAttempt = park ? 0 : now + RETRY_DELAY_SECONDS[retries - 1];
        session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET retry_count = ?, priority = priority + 1, next_attempt_at = ?, parked = ?, parked_at = ?,
                       last_error = ?, pass_mode = '', pass_started_at = 0, resume_userid = 0, resume_courseid = 0,
                       pass_rows = 0, timemodified = ?
                 WHERE companyid = ?""", retries, nextAttempt, park ? 1 : 0, park ? now : 0, truncate(error), now,
                companyId);
        return park;
    }

    /**
     * An admin's retry of a failed or parked company: due at once, with its retries forgiven, and
     * ahead of the healthy companies (priority -1; its next completed pass resets it to 0).
     *
     * @return false when the company has no queue row or is not failing
     */
    public boolean retryNow(Session session, long companyId) throws SQLException {
        return session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET parked = 0, parked_at = 0, retry_count = 0, next_attempt_at = 0, priority = -1, timemodified = ?
                 WHERE companyid = ? AND (parked = 1 OR retry_count > 0)""", session.now(), companyId) == 1;
    }

    /** Parked companies whose users' data changed since they were parked get another chance. */
    public int unparkChanged(Session session) throws SQLException {
        return session.update("""
                UPDATE {local_alx_api_company_sync}
                   SET parked = 0, parked_at = 0, retry_count = 0, next_attempt_at = 0, timemodified = ?
                 WHERE parked = 1 AND (
                       EXISTS (SELECT 1 FROM {company_users} cu JOIN {user} u ON u.id = cu.userid
                                WHERE cu.companyid = {local_alx_api_company_sync}.companyid
                                  AND u.timemodified >= {local_alx_api_company_sync}.parked_at)
                    OR EXISTS (SELECT 1 FROM {company_users} cu JOIN {user_enrolments} ue ON ue.userid = cu.userid
                                WHERE cu.companyid = {local_alx_api_company_sync}.companyid
                                  AND ue.timemodified >= {local_alx_api_company_sync}.parked_at)
                    OR EXISTS (SELECT 1 FROM {company_users} cu
                                 JOIN {course_modules_completion} cmc ON cmc.userid = cu.userid
                                WHERE cu.companyid = {local_alx_api_company_sync}.companyid
                                  AND cmc.timemodified >= {local_alx_api_company_sync}.parked_at)
                    OR EXISTS (SELECT 1 FROM {company_users} cu
                                 JOIN {local_alx_api_observed_changes} o ON o.userid = cu.userid
                                WHERE cu.companyid = {local_alx_api_company_sync}.companyid
                                  AND o.observed_at >= {local_alx_api_company_sync}.parked_at))""", session.now());
    }

    /** The state in the first columns of the row, as {@link #STATE_COLUMNS} lists them. */
    private static CompanySyncState state(ResultSet rs) throws SQLException {
        return new CompanySyncState(rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getInt(5) != 0,
                rs.getLong(6), rs.getString(7), rs.getLong(8), new Pair(rs.getLong(9), rs.getLong(10)), rs.getLong(11),
                rs.getString(12));
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
