package alx.reportapi.moodle;

import alx.reportapi.db.BulkInsert;
import alx.reportapi.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Fills a company's pending pairs (SPEC 3.2): every pair whose reporting row may have to change.
 * <p>
 * A full pass takes every qualifying pair and every live row. An incremental pass takes the pairs
 * touched since the cursor by the five timestamped sources (course completions, module
 * completions, enrolments, user profiles, courses), then catches what leaves no timestamp: the
 * sweep compares the qualifying pairs with the live rows both ways (unenrolments, company
 * membership, roles, disabled instances), and module fingerprints name the courses whose tracked
 * modules changed. Each source is one set-based {@code INSERT IGNORE ... SELECT}, so nothing is
 * carried through Java, except a full pass's qualifying pairs when they were read ahead
 * ({@link QualifyingPairs}).
 */
public final class ChangeDetector {

    private static final String INSERT = "INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid) ";
    /** For pairs the qualification rule itself produced: derivation may skip testing it again. */
    private static final String INSERT_QUALIFIED =
            "INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid, qualified) ";

    private final Database database;
    private final Connection connection;
    private final int timeoutSeconds;

    public ChangeDetector(Database database, Connection connection, int timeoutSeconds) {
        this.database = database;
        this.connection = connection;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Every qualifying pair, and every live row so that those that no longer qualify are
     * soft-deleted. The qualifying pairs come from {@code readAhead} when it holds this company's,
     * and from the rule's own statement otherwise.
     */
    public void fillFull(long companyId, Optional<QualifyingPairs> readAhead) throws SQLException {
        if (readAhead.isPresent() && readAhead.get().companyId() == companyId) {
            try (BulkInsert insert = new BulkInsert(connection, database.prefix().table("local_alx_api_pending_pairs"),
                    "companyid,userid,courseid,qualified", "", 1000, timeoutSeconds)) {
                for (Pair pair : readAhead.get().pairs()) {
                    insert.row(companyId, pair.userId(), pair.courseId(), 1);
                }
            }
        } else {
            run(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany(), companyId);
        }
        run(INSERT + "SELECT companyid, userid, courseid FROM {local_alx_api_reporting} WHERE companyid = ? AND is_deleted = 0",
                companyId);
    }

    /**
     * Pairs changed since {@code since} (inclusive), plus every pair of the courses whose tracked
     * modules changed, plus the sweep when the untimed-changes fingerprint moved (its key is among
     * the changed "courses"). The five timestamped sources come from the run's collection when it
     * answers for {@code since}, and from Moodle's tables otherwise.
     */
    public void fillIncremental(long companyId, long since, Collection<Long> coursesWithChangedModules,
            Optional<TimedChanges> timedChanges) throws SQLException {
        if (timedChanges.isPresent() && timedChanges.get().answersFor(since)) {
            run(INSERT + TimedChanges.pairsOfCompanySince(), companyId, since);
        } else {
            fillTimedFromMoodle(companyId, since);
        }
        if (coursesWithChangedModules.contains(ModuleFingerprints.UNTIMED_CHANGES)) {
            sweep(companyId);
        }
        List<Long> courseIds = coursesWithChangedModules.stream()
                .filter(course -> course != ModuleFingerprints.UNTIMED_CHANGES).toList();
        if (!courseIds.isEmpty()) {
            String courses = courseIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            run(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany() + " AND e.courseid IN (" + courses + ")",
                    companyId);
        }
    }

    /** The five timestamped sources of one company, asked of Moodle's tables. */
    private void fillTimedFromMoodle(long companyId, long since) throws SQLException {
        run(INSERT + """
                SELECT cu.companyid, cc.userid, cc.course
                  FROM {course_completions} cc
                  JOIN {company_users} cu ON cu.userid = cc.userid
                 WHERE cu.companyid = ? AND (cc.timecompleted >= ? OR cc.timestarted >= ? OR cc.timeenrolled >= ?)""",
                companyId, since, since, since);
        run(INSERT + """
                SELECT cu.companyid, cmc.userid, cm.course
                  FROM {course_modules_completion} cmc
                  JOIN {course_modules} cm ON cm.id = cmc.coursemoduleid
                  JOIN {company_users} cu ON cu.userid = cmc.userid
                 WHERE cu.companyid = ? AND cmc.timemodified >= ?""", companyId, since);
        // Moodle stamps timemodified with timecreated when it creates an enrolment; testing only
        // timemodified lets the range scan use its index. A pair created without it is the sweep's.
        run(INSERT + """
                SELECT cu.companyid, ue.userid, e.courseid
                  FROM {user_enrolments} ue
                  JOIN {enrol} e ON e.id = ue.enrolid
                  JOIN {company_users} cu ON cu.userid = ue.userid
                 WHERE cu.companyid = ? AND ue.timemodified >= ?""", companyId, since);
        run(INSERT + """
                SELECT cu.companyid, ue.userid, e.courseid
                  FROM {user} u
                  JOIN {company_users} cu ON cu.userid = u.id
                  JOIN {user_enrolments} ue ON ue.userid = u.id
                  JOIN {enrol} e ON e.id = ue.enrolid
                 WHERE cu.companyid = ? AND u.timemodified >= ?""", companyId, since);
        run(INSERT + """
                SELECT cu.companyid, ue.userid, e.courseid
                  FROM {course} c
                  JOIN {enrol} e ON e.courseid = c.id
                  JOIN {user_enrolments} ue ON ue.enrolid = e.id
                  JOIN {company_users} cu ON cu.userid = ue.userid
                 WHERE cu.companyid = ? AND c.timemodified >= ?""", companyId, since);
    }

    /**
     * Both ways: pairs that qualify without a live row, and live rows that no longer qualify. The
     * costliest detection, so it runs only when an untimed change may have happened.
     */
    private void sweep(long companyId) throws SQLException {
        run(PerRowExists.plan(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany()) + """

                   AND NOT EXISTS (SELECT 1 FROM {local_alx_api_reporting} r
                                    WHERE r.userid = cu.userid AND r.courseid = e.courseid
                                      AND r.companyid = cu.companyid AND r.is_deleted = 0)""", companyId);
        run(PerRowExists.plan(INSERT + "SELECT r.companyid, r.userid, r.courseid FROM {local_alx_api_reporting} r"
                + " WHERE r.companyid = ? AND r.is_deleted = 0 AND NOT " + Qualification.qualifies("r")), companyId);
    }

    private void run(String template, Object... parameters) throws SQLException {
        database.update(connection, timeoutSeconds, template, parameters);
    }
}
