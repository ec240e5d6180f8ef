package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.moodle.RowDerivation;
import alx.reportapi.reporting.PendingPairs;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads one page of a company's pass: its next pending pairs after a key, and their rows derived
 * from Moodle (SPEC 2.3). Pending pairs that derive no row no longer qualify.
 * <p>
 * It only reads, and holds no state between loads, so a derivation may run on any thread and may
 * be thrown away unused.
 */
final class PageLoader implements PageSource {

    private final Database database;
    private final PendingPairs pendingPairs;
    private final RowDerivation derivation;
    private final int batchSize;
    private final CourseModules courseModules;

    PageLoader(Database database, int batchSize, CourseModules courseModules) {
        this.database = database;
        this.pendingPairs = new PendingPairs(database);
        this.derivation = new RowDerivation(database);
        this.batchSize = batchSize;
        this.courseModules = courseModules;
    }

    /** Cheap, so the reader reads keys itself and leaves derivation to other threads. */
    @Override
    public PairPage keys(long companyId, Pair after, int timeoutSeconds) throws SQLException {
        try (Connection connection = database.connect()) {
            return keys(connection, companyId, after, timeoutSeconds);
        }
    }

    /** In the caller's transaction, which may have just written the pending pairs. */
    PairPage keys(Connection connection, long companyId, Pair after, int timeoutSeconds) throws SQLException {
        // One pair more than a page tells whether this page is the company's last.
        List<Pair> pairs = pendingPairs.page(connection, companyId, after, batchSize + 1, timeoutSeconds);
        boolean last = pairs.size() <= batchSize;
        return new PairPage(companyId, after, List.copyOf(last ? pairs : pairs.subList(0, batchSize)), last);
    }

    /** On a connection of its own, in a read-only transaction: one snapshot for both statements. */
    @Override
    public DerivedPage derive(PairPage page, int timeoutSeconds) throws SQLException {
        if (page.pairs().isEmpty()) {
            return derived(page, List.of());
        }
        return SyncTransaction.run(database, connection -> derive(connection, page, timeoutSeconds));
    }

    /** In the caller's transaction. */
    DerivedPage derive(Connection inTransaction, PairPage page, int timeoutSeconds) throws SQLException {
        if (page.pairs().isEmpty()) {
            return derived(page, List.of());
        }
        return derived(page, derivation.derive(inTransaction, page.companyId(), page.after(), page.upTo(),
                courseModules, timeoutSeconds));
    }

    private static DerivedPage derived(PairPage page, List<ReportingRow> rows) {
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
