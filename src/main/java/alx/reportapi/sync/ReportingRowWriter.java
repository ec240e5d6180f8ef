package alx.reportapi.sync;

import alx.reportapi.db.Session;
import alx.reportapi.db.SqlFailures;
import alx.reportapi.moodle.Pair;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.observe.SyncMetrics;
import alx.reportapi.reporting.ReportingRowStore;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.sync.SyncItem.DerivedPage;
import alx.reportapi.sync.SyncItem.FailedPage;
import alx.reportapi.sync.SyncItem.StartPasses;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what the run decided, each item in fenced transactions of the application's own
 * (README, Behavior 3 and 6):
 * <ul>
 *   <li>a {@link DerivedPage}: its rows, the pass's progress, and on the pass's last page its
 *       completion, which moves the company's cursor;</li>
 *   <li>{@link StartPasses}: each company's pass starts (change detection); a pass that fits one
 *       page is derived and written in the same transaction and completes at once, and up to
 *       {@value CompanyPassReader#COMPANIES_PER_TRANSACTION} companies share it. When one of them
 *       fails, they start again one per transaction, so that only the failing one is isolated;</li>
 *   <li>a {@link FailedPage}: the company's failure (Behavior 9).</li>
 * </ul>
 * The batch runtime's checkpoint commits after these transactions; replaying an item after a crash
 * between the two is harmless, since every write here is idempotent.
 */
@Named("ReportingRowWriter")
@Dependent
public class ReportingRowWriter extends AbstractItemWriter {

    private static final Logger LOG = Logger.getLogger(ReportingRowWriter.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    SyncMetrics metrics;

    private CompanyPass companyPass;
    private final ReportingRowStore rows = new ReportingRowStore();
    private final VerificationCheck verification = new VerificationCheck();
    private SyncRun run;
    private PageDerivation derivation;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        if (run == null) {
            run = SyncRun.of(jobContext);
            derivation = new PageDerivation(run.courseModules());
            companyPass = new CompanyPass(run.detection());
        }
        for (Object item : items) {
            PassTimes.Phase phase = item instanceof StartPasses ? PassTimes.Phase.STARTING_PASSES
                    : PassTimes.Phase.WRITING;
            run.passTimes().time(phase, () -> {
                write(item);
                return null;
            });
        }
    }

    private void write(Object item) throws SQLException {
        if (item instanceof DerivedPage page) {
            writePage(page);
        } else if (item instanceof StartPasses start) {
            startPasses(start.companies());
        } else if (item instanceof FailedPage failed) {
            isolateOrEnd(failed.companyId(), failed.cause());
        } else {
            throw new IllegalArgumentException("not an item to write: " + item);
        }
    }

    private void writePage(DerivedPage page) throws SQLException {
        long companyId = page.page().companyId();
        if (run.hasFailed(companyId)) {
            return;
        }
        Written written;
        try {
            written = run.transactions().write("write a page of company " + companyId, session -> {
                Written rowsWritten = writeRows(session, page);
                if (!page.page().lastOfCompany()) {
                    companyPass.recordPage(session, companyId, page.page().upTo(), rowsWritten.total());
                    return rowsWritten;
                }
                // A replayed last page finds its pass completed already: nothing is left to complete.
                Optional<Pass> pass = companyPass.inProgress(session, companyId);
                if (pass.isEmpty()) {
                    return rowsWritten;
                }
                companyPass.complete(session, pass.get().finished(rowsWritten.total(), true));
                return rowsWritten.completingPass();
            });
        } catch (SQLException | RuntimeException e) {
            isolateOrEnd(companyId, e);
            return;
        }
        written.count(run, metrics);
    }

    /**
     * Starts the companies' passes in one transaction; on a failure of one of them, one per
     * transaction, so that only the failing one is isolated.
     */
    private void startPasses(List<CompanySyncState> companies) throws SQLException {
        List<Written> completed;
        try {
            completed = run.transactions().write("start " + companies.size() + " companies' passes",
                    session -> startInOneTransaction(session, companies));
        } catch (SQLException | RuntimeException e) {
            if (RunFailures.endRun(e)) {
                throw e;
            }
            LOG.log(Level.FINE, e, () -> run.log() + "a company of a shared transaction failed; "
                    + companies.size() + " start one at a time");
            startOneAtATime(companies);
            return;
        }
        completed.forEach(passWritten -> passWritten.count(run, metrics));
    }

    private List<Written> startInOneTransaction(Session session, List<CompanySyncState> companies)
            throws SQLException {
        List<Written> completed = new ArrayList<>();
        for (CompanySyncState company : companies) {
            if (!completed.isEmpty() && !run.budget().mayStartCompany()) {
                break;
            }
            Written started = start(session, company);
            if (started == null) {
                break;
            }
            completed.add(started);
        }
        return completed;
    }

    private void startOneAtATime(List<CompanySyncState> companies) throws SQLException {
        for (int i = 0; i < companies.size(); i++) {
            if (i > 0 && !run.budget().mayStartCompany()) {
                return;
            }
            CompanySyncState company = companies.get(i);
            Written started;
            try {
                started = run.transactions().write("start company " + company.companyId() + "'s pass",
                        session -> start(session, company));
            } catch (SQLException | RuntimeException e) {
                isolateOrEnd(company.companyId(), e);
                continue;
            }
            if (started == null) {
                return;
            }
            started.count(run, metrics);
        }
    }

    /**
     * Starts one company's pass. A pass that fits one page is derived and written here and
     * completes at once; a longer one, or one an earlier run left in progress, is left for the
     * reader to page.
     *
     * @return what the completed pass wrote; null when the pass is left in progress
     */
    private Written start(Session session, CompanySyncState company) throws SQLException {
        long companyId = company.companyId();
        if (company.passInProgress()) {
            companyPass.claim(session, companyId, run.runLogId());
            return null;
        }
        Pass pass = companyPass.start(session, company, run.runLogId(), run.courseModules(), run.timedChanges());
        PairPage onlyPage = companyPass.page(session, companyId, Pair.START, run.batchSize());
        if (!onlyPage.lastOfCompany()) {
            return null;
        }
        Written written = writeRows(session, derivation.derive(session, onlyPage));
        companyPass.complete(session, pass.finished(written.total(), !onlyPage.pairs().isEmpty()));
        return written.completingPass();
    }

    /**
     * Writes a page's rows; those only the verification asked for are written when they differ,
     * and each difference is counted in the run log in the same transaction (Behavior 16).
     */
    private Written writeRows(Session session, DerivedPage page) throws SQLException {
        long companyId = page.page().companyId();
        VerificationCheck.Checked checked = verification.check(session, page);
        Written written = new Written(rows.upsert(session, companyId, checked.rows()),
                rows.softDelete(session, companyId, checked.noLongerQualifying()), false, checked.corrections());
        if (!checked.corrections().isEmpty()) {
            RunLog.addCorrections(session, run.runLogId(), checked.corrections().size());
        }
        return written;
    }

    /**
     * The company's failure is recorded and the run goes on, unless the failure is the run's:
     * then it ends the step.
     */
    private void isolateOrEnd(long companyId, Exception e) throws SQLException {
        if (RunFailures.endRun(e)) {
            if (e instanceof SQLException sql) {
                throw sql;
            }
            throw (RuntimeException) e;
        }
        run.companyFailed(companyId);
        String message = e.getClass().getSimpleName() + ": " + e.getMessage();
        boolean parked;
        try {
            parked = run.transactions().write("record company " + companyId + "'s failure",
                    session -> companyPass.fail(session, companyId, message));
        } catch (SQLException recording) {
            // Unrecorded, the company would be first in the queue again at once: a run that cannot
            // write its failures ends instead of retrying one company in a tight loop.
            recording.addSuppressed(e);
            // The recording's failure is the run's cause (a lost database, most often): the message names it.
            throw new IllegalStateException(run.log() + "could not record the failure of company " + companyId
                    + " (" + message + "), so the run ends: " + SqlFailures.describe(recording), recording);
        }
        LOG.log(Level.WARNING, run.log() + "company " + companyId + " failed" + (parked
                ? " for the last time and is parked until an admin retries it or its data changes: "
                : ", will be retried on a later run: ") + message, e);
    }

    /**
     * What one transaction wrote of a company, counted in the run once the transaction committed.
     *
     * @param upserted        rows inserted or updated
     * @param softDeleted     live rows soft-deleted
     * @param completedPass   the transaction completed the company's pass
     */
    private record Written(int upserted, int softDeleted, boolean completedPass,
            List<VerificationCheck.Correction> corrections) {

        int total() {
            return upserted + softDeleted;
        }

        Written completingPass() {
            return new Written(upserted, softDeleted, true, corrections);
        }

        void count(SyncRun run, SyncMetrics metrics) {
            if (!corrections.isEmpty()) {
                metrics.verificationCorrected(corrections.size());
                for (VerificationCheck.Correction correction : corrections) {
                    LOG.warning(() -> run.log() + "verification corrected company " + correction.companyId()
                            + ", user " + correction.pair().userId() + ", course " + correction.pair().courseId()
                            + ": " + correction.column() + " differed, a change no other detection found");
                }
            }
            if (completedPass) {
                run.companyDone(upserted, softDeleted);
            } else {
                run.wrote(upserted, softDeleted);
            }
        }
    }
}
