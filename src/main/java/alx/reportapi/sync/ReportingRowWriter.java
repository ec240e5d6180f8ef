package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.db.TransientFailures;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.util.List;

/**
 * Writes a derived page in one transaction of its own: the fence first (this run still holds the
 * lock), then the {@link PageWrite}.
 * <p>
 * The transaction is the application's, not the chunk's: the batch runtime's own checkpoint
 * commits after it, and replaying a page after a crash between the two is harmless, since every
 * write here is idempotent.
 */
@Named("ReportingRowWriter")
@Dependent
public class ReportingRowWriter extends AbstractItemWriter {

    @Inject
    JobContext jobContext;

    @Inject
    Database database;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        SyncRun run = SyncRun.of(jobContext);
        for (Object item : items) {
            DerivedPage page = (DerivedPage) item;
            long companyId = page.page().companyId();
            if (run.isAbandoned(companyId)) {
                continue;
            }
            try {
                write(run, page);
            } catch (SQLException | RuntimeException e) {
                if (e instanceof LockLostException) {
                    run.lockLost();
                }
                if (CompanyFailures.endsTheRun(e)) {
                    throw e;
                }
                CompanyFailures.record(database, run, companyId, e);
            }
        }
    }

    private void write(SyncRun run, DerivedPage page) throws SQLException {
        TransientFailures.retry(() -> {
            writeOnce(run, page);
            return null;
        });
    }

    private void writeOnce(SyncRun run, DerivedPage page) throws SQLException {
        PageWrite wrote = SyncTransaction.fenced(database, run.fence(),
                connection -> PageWrite.write(database, connection, page, DatabaseClock.now(connection),
                        run.budget().statementTimeoutSeconds()));
        run.wrote(wrote.written(), wrote.deleted());
        if (wrote.completedPass()) {
            run.companyDone();
        }
    }
}
