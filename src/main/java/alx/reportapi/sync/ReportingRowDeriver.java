package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.moodle.RowDerivation;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Derives a page's reporting rows from Moodle in one statement (SPEC 2.3). */
@Named("ReportingRowDeriver")
@Dependent
public class ReportingRowDeriver implements ItemProcessor {

    @Inject
    JobContext jobContext;

    @Inject
    Database database;

    private RowDerivation derivation;

    @Override
    public Object processItem(Object item) throws Exception {
        SyncRun run = SyncRun.of(jobContext);
        PairPage page = (PairPage) item;
        if (run.isAbandoned(page.companyId())) {
            return null;
        }
        if (page.pairs().isEmpty()) {
            return new DerivedPage(page, List.of(), List.of());
        }
        if (derivation == null) {
            derivation = new RowDerivation(database);
        }
        try (Connection connection = database.connect()) {
            List<ReportingRow> rows = derivation.derive(connection, page.companyId(), page.after(), page.upTo(),
                    run.budget().statementTimeoutSeconds());
            Set<Pair> qualifying = new HashSet<>();
            rows.forEach(row -> qualifying.add(row.pair()));
            List<Pair> gone = new ArrayList<>();
            for (Pair pair : page.pairs()) {
                if (!qualifying.contains(pair)) {
                    gone.add(pair);
                }
            }
            return new DerivedPage(page, rows, gone);
        } catch (SQLException | RuntimeException e) {
            if (CompanyFailures.endsTheRun(e)) {
                throw e;
            }
            CompanyFailures.record(database, run, page.companyId(), e);
            return null;
        }
    }
}
