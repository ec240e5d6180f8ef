package alx.reportapi.sync;

import alx.reportapi.db.Retry;
import alx.reportapi.db.Session;
import alx.reportapi.db.SqlFailures;
import alx.reportapi.db.Transaction;
import alx.reportapi.moodle.Pair;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.observe.SyncMetrics;
import alx.reportapi.reporting.ReportingRowStore;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.sync.SyncItem.DerivedPage;
import alx.reportapi.sync.SyncItem.FailedPage;
import alx.reportapi.sync.SyncItem.StartPasses;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes what the run decided, each item in fenced transactions of the application's own
 * (README, Behavior 3 and 6):
 * <ul>
 *   <li>a {@link DerivedPage}: its rows, the pass's progress, and on the pass's last page its
 *       completion, which moves the company's cursor;</li>
 *   <li>{@link StartPasses}: each company's pass starts (change detection); a pass that fits one
 *       page is derived and written in the same transaction and completes at once. Up to
 *       {@value CompanyPassReader#COMPANIES_PER_TRANSACTION} companies are dealt to
 *       {@value #START_LANES} lanes that start side by side, each lane's companies sharing a
 *       transaction. When one of them fails, its lane's companies start again one per
 *       transaction, so that only the failing one is isolated;</li>
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

    @Resource
    ManagedExecutorService executor;

    /** Lanes of companies whose passes start side by side, each in transactions of its own. */
    static final int START_LANES = 2;

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
     * Starts the companies' passes in {@value #START_LANES} lanes side by side, each lane's companies
     * in one transaction; a lane with a failing company starts its companies again one per
     * transaction, so that only the failing one is isolated. The first lane runs on this thread and
     * the others on the executor, so a busy executor delays them and never this one.
     */
    private void startPasses(List<CompanySyncState> companies) throws SQLException {
        List<List<CompanySyncState>> lanes = lanes(companies);
        List<Future<List<Written>>> beside = new ArrayList<>();
        for (List<CompanySyncState> lane : lanes.subList(1, lanes.size())) {
            beside.add(executor.submit(() -> startInOneTransaction(lane)));
        }
        List<LaneOutcome> outcomes = new ArrayList<>();
        outcomes.add(LaneOutcome.of(lanes.get(0), () -> startInOneTransaction(lanes.get(0))));
        for (int i = 1; i < lanes.size(); i++) {
            Future<List<Written>> lane = beside.get(i - 1);
            outcomes.add(LaneOutcome.of(lanes.get(i), () -> BoundedWait.await(lane, laneWait(),
                    "starting companies' passes")));
        }
        for (LaneOutcome outcome : outcomes) {
            if (outcome.failure() != null && RunFailures.endRun(outcome.failure())) {
                rethrow(outcome.failure());
            }
        }
        for (LaneOutcome outcome : outcomes) {
            if (outcome.failure() == null) {
                outcome.written().forEach(passWritten -> passWritten.count(run, metrics));
            } else {
                LOG.log(Level.FINE, outcome.failure(), () -> run.log() + "a company of a shared transaction failed; "
                        + outcome.lane().size() + " start one at a time");
                startOneAtATime(outcome.lane());
            }
        }
    }

    /**
     * The companies dealt in turn to the lanes, so that the most due companies start first: a
     * lane stops at its first pass longer than a page, which the reader then pages.
     */
    static <T> List<List<T>> lanes(List<T> companies) {
        List<List<T>> lanes = new ArrayList<>();
        for (int i = 0; i < companies.size(); i++) {
            if (i < START_LANES) {
                lanes.add(new ArrayList<>());
            }
            lanes.get(i % START_LANES).add(companies.get(i));
        }
        return lanes;
    }

    /**
     * How long the writer waits for a lane beside it: its statements are bounded by what is left
     * of the budget, each tried at most as often as the retry rule allows.
     */
    private Duration laneWait() {
        return run.budget().remaining().plusSeconds((long) Retry.standard().maxAttempts()
                * run.budget().statementTimeoutSeconds() + 60);
    }

    /**
     * A lane's companies in one transaction. In READ COMMITTED, so that the set-based reads of
     * Moodle's tables lock none of Moodle's rows and two lanes' clearing of their own pending
     * pairs takes no gap lock the other lane's inserts would wait on.
     */
    private List<Written> startInOneTransaction(List<CompanySyncState> companies) throws SQLException {
        return run.transactions().write("start " + companies.size() + " companies' passes",
                Transaction.Isolation.READ_COMMITTED, session -> startEach(session, companies));
    }

    private List<Written> startEach(Session session, List<CompanySyncState> companies) throws SQLException {
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
                        Transaction.Isolation.READ_COMMITTED, session -> start(session, company));
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

    /** What a lane wrote, or why it failed. */
    private record LaneOutcome(List<CompanySyncState> lane, List<Written> written, Exception failure) {

        @FunctionalInterface
        interface LaneWork {
            List<Written> run() throws SQLException;
        }

        static LaneOutcome of(List<CompanySyncState> lane, LaneWork work) {
            try {
                return new LaneOutcome(lane, work.run(), null);
            } catch (SQLException | RuntimeException e) {
                return new LaneOutcome(lane, List.of(), e);
            }
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
        Pass pass = companyPass.start(session, company, run.runLogId(), run.timedChanges());
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
            rethrow(e);
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

    /** Throws a failure caught as either kind as itself: a database error or a runtime one. */
    private static void rethrow(Exception e) throws SQLException {
        if (e instanceof SQLException sql) {
            throw sql;
        }
        throw (RuntimeException) e;
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
