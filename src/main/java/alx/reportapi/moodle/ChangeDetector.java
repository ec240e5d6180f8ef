package alx.reportapi.moodle;

import alx.reportapi.db.Session;

import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fills a company's pending pairs (README, Behavior 5): every pair whose reporting row may have to
 * change.
 * <p>
 * A full pass takes every qualifying pair and every live row. An incremental pass takes the pairs
 * the run's {@link TimedChanges} holds for the company since its cursor: timestamped changes, and
 * those the run's {@link SourceDigests} observed, a course whose tracked modules changed among them.
 * Each source is one set-based
 * {@code INSERT IGNORE ... SELECT}, so nothing is carried through Java.
 */
public final class ChangeDetector {

    /** Members named in one verification statement. */
    private static final int MEMBERS_PER_STATEMENT = 1000;

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
     * Pairs changed since {@code since} (inclusive), timestamped or observed by the run's digests.
     *
     * @param timedChanges the run's collection, which answers for {@code since}
     */
    public void fillIncremental(Session session, long companyId, long since, TimedChanges timedChanges)
            throws SQLException {
        if (!timedChanges.answersFor(since)) {
            throw new IllegalArgumentException("the run's collection starts at " + timedChanges.since()
                    + ", after company " + companyId + "'s cursor " + since + ": its pass must be a full one");
        }
        session.update(INSERT + TimedChanges.pairsOfCompanySince(), companyId, since);
    }

    /**
     * The rolling verification's slice (README, Behavior 16): every qualifying pair and every live
     * row of the given members of the company, marked as asked for by the verification only.
     * Called after the pass's other sources, so a pair they found keeps its mark. The members are
     * named, not given as a range of ids, so that each statement reads their rows by key.
     */
    public void addVerification(Session session, long companyId, List<Long> members) throws SQLException {
        for (int from = 0; from < members.size(); from += MEMBERS_PER_STATEMENT) {
            String users = members.subList(from, Math.min(members.size(), from + MEMBERS_PER_STATEMENT)).stream()
                    .map(String::valueOf).collect(Collectors.joining(","));
            session.update("INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid, qualified, verify)"
                    + " SELECT q.*, 1 FROM (" + Qualification.qualifiedPairsOfCompany()
                    + " AND cu.userid IN (" + users + ")) q", companyId);
            session.update("INSERT IGNORE INTO {local_alx_api_pending_pairs} (companyid, userid, courseid, verify)"
                    + " SELECT companyid, userid, courseid, 1 FROM {local_alx_api_reporting}"
                    + " WHERE userid IN (" + users + ") AND companyid = ? AND is_deleted = 0", companyId);
        }
    }
}
