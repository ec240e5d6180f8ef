package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fills a company's pending pairs (README, Behavior 5): every pair whose reporting row may have to
 * change.
 * <p>
 * A full pass takes every qualifying pair and every live row. An incremental pass takes the pairs
 * the run's {@link TimedChanges} holds for the company since its cursor, then catches what leaves
 * no timestamp: the sweep compares the qualifying pairs with the live rows both ways
 * (unenrolments, company membership, roles, disabled instances), and module fingerprints name the
 * courses whose tracked modules changed. Each source is one set-based
 * {@code INSERT IGNORE ... SELECT}, so nothing is carried through Java.
 */
public final class ChangeDetector {

    private static final String INSERT = "INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid) ";
    /** For pairs the qualification rule itself produced: derivation may skip testing it again. */
    private static final String INSERT_QUALIFIED =
            "INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid, qualified) ";

    /** Every qualifying pair, and every live row so that those that no longer qualify are soft-deleted. */
    public void fillFull(Session session, long companyId) throws SQLException {
        session.update(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany(), companyId);
        session.update(INSERT + "SELECT companyid, userid, courseid FROM {local_alx_api_reporting}"
                + " WHERE companyid = ? AND is_deleted = 0", companyId);
    }

    /**
     * Pairs changed since {@code since} (inclusive), plus every pair of the courses whose tracked
     * modules changed, plus the sweep when the untimed-changes fingerprint moved (its key is among
     * the changed "courses").
     *
     * @param timedChanges the run's collection, which answers for {@code since}
     */
    public void fillIncremental(Session session, long companyId, long since,
            Collection<Long> coursesWithChangedModules, TimedChanges timedChanges) throws SQLException {
        if (!timedChanges.answersFor(since)) {
            throw new IllegalArgumentException("the run's collection starts at " + timedChanges.since()
                    + ", after company " + companyId + "'s cursor " + since + ": its pass must be a full one");
        }
        session.update(INSERT + TimedChanges.pairsOfCompanySince(), companyId, since);
        if (coursesWithChangedModules.contains(ModuleFingerprints.UNTIMED_CHANGES)) {
            sweep(session, companyId);
        }
        List<Long> courseIds = coursesWithChangedModules.stream()
                .filter(course -> course != ModuleFingerprints.UNTIMED_CHANGES).toList();
        if (!courseIds.isEmpty()) {
            String courses = courseIds.stream().map(String::valueOf).collect(Collectors.joining(","));
            session.update(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany() + " AND e.courseid IN ("
                    + courses + ")", companyId);
        }
    }

    /**
     * Both ways: pairs that qualify without a live row, and live rows that no longer qualify. The
     * costliest detection, so it runs only when an untimed change may have happened.
     */
    private static void sweep(Session session, long companyId) throws SQLException {
        session.update(PerRowExists.plan(INSERT_QUALIFIED + Qualification.qualifiedPairsOfCompany()) + """

                   AND NOT EXISTS (SELECT 1 FROM {local_alx_api_reporting} r
                                    WHERE r.userid = cu.userid AND r.courseid = e.courseid
                                      AND r.companyid = cu.companyid AND r.is_deleted = 0)""", companyId);
        session.update(PerRowExists.plan(INSERT + "SELECT r.companyid, r.userid, r.courseid FROM {local_alx_api_reporting} r"
                + " WHERE r.companyid = ? AND r.is_deleted = 0 AND NOT " + Qualification.qualifies("r")), companyId);
    }
}
