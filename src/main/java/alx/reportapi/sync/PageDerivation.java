package alx.reportapi.sync;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.moodle.RowDerivation;
import alx.reportapi.sync.SyncItem.DerivedPage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A page's rows derived from Moodle (README, Behavior 5 and the rules of a row), in the caller's
 * transaction: pending pairs that derive no row no longer qualify. It only reads, so it may run on
 * any thread and be thrown away unused.
 */
final class PageDerivation {

    private final RowDerivation derivation = new RowDerivation();
    private final CourseModules courseModules;

    PageDerivation(CourseModules courseModules) {
        this.courseModules = courseModules;
    }

    DerivedPage derive(Session inTransaction, PairPage page) throws SQLException {
        List<ReportingRow> rows = page.pairs().isEmpty() ? List.of() : derivation.derive(inTransaction,
                page.companyId(), page.after(), page.upTo(), RowDerivation.Reach.of(page.pairs()), courseModules);
        Set<Pair> qualifying = new HashSet<>();
        rows.forEach(row -> qualifying.add(row.pair()));
        List<Pair> gone = new ArrayList<>();
        for (Pair pair : page.pairs()) {
            if (!qualifying.contains(pair)) {
                gone.add(pair);
            }
        }
        return new DerivedPage(page, rows, gone);
    }
}
