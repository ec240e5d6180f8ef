package alx.reportapi.sync;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.sync.SyncItem.DerivedPage;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares what a page derived for the pairs only the rolling verification asked for with what
 * the table holds (README, Behavior 16): an equal row is not written again, and every difference
 * is a correction, a change the fast path missed, named by its pair and the first column that
 * differed. The other pairs of the page are written as derived.
 */
final class VerificationCheck {

    /** A row the verification corrected: which pair, in which company, and what differed. */
    record Correction(long companyId, Pair pair, String column) {
    }

    /**
     * What to write of a page once checked.
     *
     * @param rows              rows to upsert
     * @param noLongerQualifying pairs whose live rows to soft-delete
     * @param corrections       what the verification found wrong
     */
    record Checked(List<ReportingRow> rows, List<Pair> noLongerQualifying, List<Correction> corrections) {
    }

    Checked check(Session session, DerivedPage page) throws SQLException {
        if (page.page().verifyOnly().isEmpty()) {
            return new Checked(page.rows(), page.noLongerQualifying(), List.of());
        }
        long companyId = page.page().companyId();
        Map<Pair, ReportingRow> stored = storedLiveRows(session, page);
        List<ReportingRow> rows = new ArrayList<>();
        List<Correction> corrections = new ArrayList<>();
        for (ReportingRow row : page.rows()) {
            if (!page.page().verifyOnly().contains(row.pair())) {
                rows.add(row);
                continue;
            }
            String differing = firstDifference(stored.get(row.pair()), row);
            if (differing != null) {
                rows.add(row);
                corrections.add(new Correction(companyId, row.pair(), differing));
            }
        }
        for (Pair gone : page.noLongerQualifying()) {
            if (page.page().verifyOnly().contains(gone) && stored.containsKey(gone)) {
                corrections.add(new Correction(companyId, gone, "is_deleted"));
            }
        }
        return new Checked(rows, page.noLongerQualifying(), corrections);
    }

    /** The live rows of the page's verification pairs, read by their users' keys. */
    private static Map<Pair, ReportingRow> storedLiveRows(Session session, DerivedPage page) throws SQLException {
        Map<Pair, ReportingRow> stored = new HashMap<>();
        PairPage pairs = page.page();
        // A page holds at most batch_size pairs, so the list is bounded by it.
        String users = pairs.verifyOnly().stream().map(Pair::userId).distinct().map(String::valueOf)
                .collect(Collectors.joining(","));
        List<ReportingRow> rows = session.list("""
                SELECT userid, courseid, firstname, lastname, email, username, coursename,
                       timecompleted, timestarted, percentage, status
                  FROM {local_alx_api_reporting}
                 WHERE userid IN (%s) AND companyid = ? AND is_deleted = 0""".formatted(users),
                rs -> new ReportingRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9),
                        rs.getBigDecimal(10), rs.getString(11)),
                pairs.companyId());
        for (ReportingRow row : rows) {
            if (pairs.verifyOnly().contains(row.pair())) {
                stored.put(row.pair(), row);
            }
        }
        return stored;
    }

    /** The first column in which the stored row differs from the derived one; null when equal. */
    static String firstDifference(ReportingRow stored, ReportingRow derived) {
        if (stored == null) {
            return "is_deleted";
        }
        if (!Objects.equals(stored.firstname(), derived.firstname())) {
            return "firstname";
        }
        if (!Objects.equals(stored.lastname(), derived.lastname())) {
            return "lastname";
        }
        if (!Objects.equals(stored.email(), derived.email())) {
            return "email";
        }
        if (!Objects.equals(stored.username(), derived.username())) {
            return "username";
        }
        if (!Objects.equals(stored.coursename(), derived.coursename())) {
            return "coursename";
        }
        if (stored.timecompleted() != derived.timecompleted()) {
            return "timecompleted";
        }
        if (stored.timestarted() != derived.timestarted()) {
            return "timestarted";
        }
        if (!samePercentage(stored.percentage(), derived.percentage())) {
            return "percentage";
        }
        if (!Objects.equals(stored.status(), derived.status())) {
            return "status";
        }
        return null;
    }

    private static boolean samePercentage(BigDecimal stored, BigDecimal derived) {
        return stored == null || derived == null ? stored == derived : stored.compareTo(derived) == 0;
    }
}
