package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.db.TransientFailures;
import alx.reportapi.moodle.ChangeDetector;
import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.ModuleFingerprints;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.QualifyingPairs;
import alx.reportapi.moodle.StoredFingerprints;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.reporting.DueCompany;
import alx.reportapi.reporting.PendingPairs;
import alx.reportapi.reporting.SyncStatusStore;
import jakarta.annotation.Resource;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Walks companies in queue order and yields each company's pending pairs a page at a time, with
 * their rows derived: while the writer commits a page, the next one is derived ahead
 * ({@link PagesAhead}), and at a company's last page that is the next company's first.
 * <p>
 * Starting a company detects its changes (a full pass the first time). A pass that fits one page
 * is derived and written right there, in the detection's transaction, which companies like it
 * share. A longer pass goes through the chunk and survives the run: a budget stop, a failure or a
 * restart resumes it where the last committed page ended, and the company's cursor moves only
 * when its last page is written.
 */
@Named("PendingPairReader")
@Dependent
public class PendingPairReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(PendingPairReader.class.getName());

    /**
     * One: deriving a page costs MariaDB about what writing one does, so one derivation beside the
     * write keeps both busy. Two ahead were no faster at scale 10 on two cores (70–77 s against
     * 71–72 s, 2026-12-02) and cost MariaDB more CPU.
     */
    private static final int PAGES_DERIVED_AHEAD = 1;

    /**
     * Companies whose passes complete at once share a transaction, up to this many: each saves a
     * commit (a log flush) and the fence's statements, a fifth of what a company with a few
     * changes cost at scale 10. Small, so that the transaction's locks on Moodle's rows stay
     * short (about 15 ms a company).
     */
    private static final int COMPANIES_PER_TRANSACTION = 10;

    /**
     * The most qualifying rows of a company read ahead into memory (about 100 bytes each): a
     * larger company's full pass reads them inside its detection instead.
     */
    private static final int MAX_PAIRS_READ_AHEAD = 200_000;

    @Inject
    JobContext jobContext;

    @Inject
    Database database;

    @Resource
    ManagedExecutorService executor;

    private SyncRun run;
    private CompanyQueue queue;
    private PendingPairs pendingPairs;
    private PageLoader loader;
    private PagesAhead ahead;
    private QualifyingPairsAhead qualifyingAhead;
    private Long currentCompany;
    private Pair lastRead = Pair.START;
    private boolean nextPageIsFirst;
    /** After a shared transaction failed: how many companies start one per transaction. */
    private int startOneAtATime;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        run = SyncRun.of(jobContext);
        queue = new CompanyQueue(database);
        pendingPairs = new PendingPairs(database);
        ahead = new PagesAhead(executor, PAGES_DERIVED_AHEAD);
        qualifyingAhead = new QualifyingPairsAhead(executor);
        if (run.skippedBecause().isPresent()) {
            return;
        }
        int timeout = run.budget().statementTimeoutSeconds();
        // The run's two site-wide scans read different tables, each a few hundred milliseconds at
        // scale 10: side by side, an incremental run waits for the longer one, not for both.
        Future<CourseModules> courseModules = executor.submit(() -> {
            try (Connection connection = database.connect()) {
                return ModuleFingerprints.scan(database, connection, timeout);
            }
        });
        try (Connection connection = database.connect()) {
            long now = DatabaseClock.now(connection);
            queue.enrolNewCompanies(connection, now, timeout);
            queue.unparkChanged(connection, now, timeout);
            run.timedChanges(TimedChanges.collect(database, connection, DatabaseClock.now(connection),
                    timeout));
        } finally {
            run.courseModules(BoundedWait.await(courseModules,
                    Duration.ofSeconds(ModuleFingerprints.STATEMENTS * (long) timeout + 30), "scanning course modules"));
        }
        loader = new PageLoader(database, run.batchSize(), run.courseModules());
        if (checkpoint instanceof SyncCheckpoint resumed) {
            // The queue serves passes in progress first and each resumes after its last committed
            // page, which the database knows at least as well as the checkpoint does.
            LOG.info(() -> run.log() + "restarted: resuming company " + resumed.companyId() + " after "
                    + resumed.lastRead());
        }
    }

    @Override
    public Object readItem() throws Exception {
        DerivedPage page = nextPage();
        if (page == null) {
            run.readingFinished();
        }
        return page;
    }

    @Override
    public void close() {
        if (ahead != null) {
            ahead.close();
        }
        if (qualifyingAhead != null) {
            qualifyingAhead.close();
        }
    }

    /** The next page to write, or null when the run has nothing more to do or no time left for it. */
    private DerivedPage nextPage() throws Exception {
        if (run.skippedBecause().isPresent()) {
            return null;
        }
        // Bounded: every turn either returns or moves past one company.
        for (int turn = 0; turn < 1_000_000; turn++) {
            if (currentCompany != null && run.isAbandoned(currentCompany)) {
                ahead.close();
                currentCompany = null;
            }
            if (currentCompany == null) {
                if (!run.budget().mayStartCompany()) {
                    stopForBudget("no new company starts with " + run.budget().remaining().toSeconds() + " s left");
                    return null;
                }
                Optional<Boolean> hasPages = startCompanies();
                if (hasPages.isEmpty()) {
                    return null;
                }
                if (!hasPages.get()) {
                    continue;
                }
            } else if (!nextPageIsFirst && !run.budget().mayContinueCompany()) {
                stopForBudget("company " + currentCompany + " pauses with " + run.budget().remaining().toSeconds()
                        + " s left; its pass resumes on the next run");
                return null;
            }
            DerivedPage page = readPage();
            if (page != null) {
                return page;
            }
        }
        throw new IllegalStateException("more than a million companies in one run");
    }

    // Pages derived ahead are not handed out yet: the checkpoint names the last page the writer got.
    @Override
    public Serializable checkpointInfo() {
        return currentCompany == null ? null : new SyncCheckpoint(currentCompany, lastRead);
    }

    private Optional<CompanySyncState> nextCompany() throws SQLException {
        try (Connection connection = database.connect()) {
            return queue.next(connection, run.runLogId(), run.budget().statementTimeoutSeconds())
                    .map(DueCompany::state);
        }
    }

    /**
     * Starts the next due companies: claims each for this execution and detects its changes,
     * unless a pass is already pending. Companies whose passes complete at once share one
     * transaction, up to {@link #COMPANIES_PER_TRANSACTION}; the first company with pages for the
     * chunk ends the transaction and becomes the current company.
     *
     * @return empty when no company is due; true when the current company has pages to read
     */
    private Optional<Boolean> startCompanies() throws SQLException {
        if (startOneAtATime > 0) {
            startOneAtATime--;
            Optional<CompanySyncState> next = nextCompany();
            return next.isEmpty() ? Optional.empty() : Optional.of(startCompany(next.get()));
        }
        try {
            StartedCompanies started = TransientFailures.retry(this::startCompaniesInOwnTransaction);
            for (PageWrite completed : started.completed()) {
                run.wrote(completed.written(), completed.deleted());
                run.companyDone();
            }
            if (started.withPages().isPresent()) {
                becomeCurrent(started.withPages().get());
                return Optional.of(true);
            }
            return started.completed().isEmpty() ? Optional.empty() : Optional.of(false);
        } catch (SQLException | RuntimeException e) {
            if (CompanyFailures.endsTheRun(e)) {
                throw e;
            }
            // One of them failed and took the others' work with it: they start again one per
            // transaction, so that only the failing company is isolated and the rest complete.
            LOG.fine(() -> run.log() + "a company of a shared transaction failed; the next "
                    + COMPANIES_PER_TRANSACTION + " start one at a time: " + e);
            startOneAtATime = COMPANIES_PER_TRANSACTION;
            return Optional.of(false);
        }
    }

    private StartedCompanies startCompaniesInOwnTransaction() throws SQLException {
        int timeout = run.budget().statementTimeoutSeconds();
        return SyncTransaction.fenced(database, run.fence(), connection -> {
            List<PageWrite> completed = new ArrayList<>();
            // Bounded by the companies a transaction may share.
            for (int started = 0; started < COMPANIES_PER_TRANSACTION; started++) {
                if (started > 0 && !run.budget().mayStartCompany()) {
                    break;
                }
                // On this connection, which sees the claims this transaction already made.
                Optional<DueCompany> next = queue.next(connection, run.runLogId(), timeout);
                if (next.isEmpty()) {
                    break;
                }
                CompanySyncState state = next.get().state();
                Optional<PageWrite> completedAtOnce = start(connection, state, next.get().chosenAt(), timeout);
                if (completedAtOnce.isEmpty()) {
                    return new StartedCompanies(completed, Optional.of(state));
                }
                completed.add(completedAtOnce.get());
            }
            return new StartedCompanies(completed, Optional.empty());
        });
    }

    /**
     * Starts one company in a transaction of its own, as after a shared transaction failed.
     *
     * @return true when the company has pages to read; false when it failed, or when its pass
     *         completed at once
     */
    private boolean startCompany(CompanySyncState state) {
        long companyId = state.companyId();
        try {
            Optional<PageWrite> completedAtOnce = TransientFailures.retry(() -> startInOwnTransaction(state));
            if (completedAtOnce.isPresent()) {
                run.wrote(completedAtOnce.get().written(), completedAtOnce.get().deleted());
                run.companyDone();
                return false;
            }
            becomeCurrent(state);
            return true;
        } catch (SQLException | RuntimeException e) {
            if (CompanyFailures.endsTheRun(e)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            CompanyFailures.record(database, run, companyId, e);
            return false;
        }
    }

    private Optional<PageWrite> startInOwnTransaction(CompanySyncState state) throws SQLException {
        return SyncTransaction.fenced(database, run.fence(),
                connection -> start(connection, state, DatabaseClock.now(connection),
                        run.budget().statementTimeoutSeconds()));
    }

    /**
     * Claims the company in the caller's fenced transaction and detects its changes unless a pass
     * is already pending. A new pass whose changes fit one page is derived and written there too:
     * a company with a few changes costs no chunk and no transaction of its own, as an unchanged
     * one does. Larger passes go page by page through the chunk, resumable.
     *
     * @param now the database clock in this transaction when the company was chosen: the
     *            detection counts as started then, and what it writes at once is stamped with it
     *            (the clock is read with the choice, not three times a company, in a run that
     *            starts hundreds)
     * @return what was written when the pass completed here; empty when pages are left for the
     *         chunk, or a pass was already in progress
     */
    private Optional<PageWrite> start(Connection connection, CompanySyncState state, long now, int timeout)
            throws SQLException {
        if (state.passInProgress()) {
            queue.markAttempt(connection, state.companyId(), run.runLogId(), now, timeout);
            return Optional.empty();
        }
        StartedPass pass = detectChanges(connection, state, now, timeout);
        PairPage onlyPage = loader.keys(connection, state.companyId(), Pair.START, timeout);
        if (!onlyPage.lastOfCompany()) {
            return Optional.empty();
        }
        return Optional.of(PageWrite.writeWholePass(database, connection,
                loader.derive(connection, onlyPage, timeout), pass, now, timeout));
    }

    private void becomeCurrent(CompanySyncState state) {
        currentCompany = state.companyId();
        lastRead = state.passInProgress() ? state.resumeAfter() : Pair.START;
        nextPageIsFirst = true;
        readQualifyingPairsOfNextCompanyAhead();
    }

    /**
     * While the current company's pages are written, reads the qualifying pairs of the company
     * due after it, when that one's pass will be its first and so a full one. Only a shortcut: on
     * any failure here the detection reads them itself.
     */
    private void readQualifyingPairsOfNextCompanyAhead() {
        int timeout = run.budget().statementTimeoutSeconds();
        Optional<CompanySyncState> next;
        try (Connection connection = database.connect()) {
            next = queue.next(connection, run.runLogId(), timeout).map(DueCompany::state);
        } catch (SQLException e) {
            LOG.fine(() -> run.log() + "could not look up the next company to read ahead: " + e);
            return;
        }
        if (next.isPresent() && next.get().neverSynced() && !next.get().passInProgress()) {
            long companyId = next.get().companyId();
            qualifyingAhead.start(companyId,
                    () -> QualifyingPairs.read(database, companyId, MAX_PAIRS_READ_AHEAD, timeout));
        }
    }

    /**
     * Detects the company's changes into its pending pairs and starts its pass, marking this
     * run's attempt with it.
     *
     * @param detectionStartedAt the database clock when the company was chosen
     */
    private StartedPass detectChanges(Connection connection, CompanySyncState state, long detectionStartedAt,
            int timeout) throws SQLException {
        long companyId = state.companyId();
        pendingPairs.clear(connection, companyId, timeout);
        Optional<Long> cursor = new SyncStatusStore(database).cursor(connection, companyId, timeout);
        ChangeDetector detector = new ChangeDetector(database, connection, timeout);
        Map<Long, String> fingerprints = run.courseModules().fingerprints();
        boolean full = state.neverSynced() || cursor.isEmpty();
        Optional<QualifyingPairs> readAhead = qualifyingAhead.take(companyId, readAheadWait(timeout), run.log());
        StoredFingerprints stored = ModuleFingerprints.stored(database, connection, companyId, timeout);
        if (full) {
            detector.fillFull(companyId, readAhead);
        } else {
            detector.fillIncremental(companyId, cursor.get(),
                    ModuleFingerprints.changedCourses(stored.confirmed(), fingerprints), run.timedChanges());
        }
        boolean fingerprintsPending = ModuleFingerprints.storePending(database, connection, companyId, fingerprints,
                stored, timeout);
        long detectedFrom = full ? readAhead.map(pairs -> Math.min(pairs.readAt(), detectionStartedAt))
                .orElse(detectionStartedAt) : detectionStartedAt;
        long passStart = run.timedChanges().map(changes -> changes.passStart(detectedFrom)).orElse(detectedFrom);
        String mode = full ? "full" : "incremental";
        queue.startPass(connection, companyId, run.runLogId(), mode, passStart, detectionStartedAt, timeout);
        LOG.fine(() -> run.log() + "company " + companyId + ": " + (full ? "full" : "incremental since " + cursor.get())
                + " pass started");
        return new StartedPass(companyId, mode, passStart, fingerprintsPending);
    }

    /**
     * The current company's next page, from {@link PagesAhead} when it was derived ahead; starts
     * deriving the pages after it. Null when the page failed: the company is recorded as failed and
     * left.
     */
    private DerivedPage readPage() throws SQLException {
        long companyId = currentCompany;
        int timeout = run.budget().statementTimeoutSeconds();
        DerivedPage page;
        try {
            Optional<DerivedPage> derivedAhead = ahead.take(companyId, lastRead, derivationWait(timeout));
            if (derivedAhead.isPresent()) {
                page = derivedAhead.get();
                ahead.fill(loader, page.page(), timeout);
            } else {
                // A company's first page: the page after it starts deriving first, so that the two
                // derive side by side instead of the second waiting for the first.
                PairPage keys = loader.keys(companyId, lastRead, timeout);
                ahead.fill(loader, keys, timeout);
                page = loader.derive(keys, timeout);
            }
        } catch (SQLException | RuntimeException e) {
            leaveFailed(companyId, e);
            return null;
        }
        lastRead = page.page().upTo();
        nextPageIsFirst = false;
        if (page.page().lastOfCompany()) {
            currentCompany = null;
            startNextCompanyEarly(timeout);
        }
        return page;
    }

    /**
     * Starts the next company before the writer gets the current company's last page, so that the
     * next company's first page derives while that page is written, instead of the two waiting for
     * each other at every company boundary. The start's transaction (claim and detection) commits
     * here, before the write begins: beside the write runs only a derivation, which only reads.
     */
    private void startNextCompanyEarly(int timeout) throws SQLException {
        if (!run.budget().mayStartCompany() || !startCompanies().orElse(false)) {
            return;
        }
        long companyId = currentCompany;
        try {
            ahead.begin(loader, companyId, lastRead, timeout);
        } catch (SQLException | RuntimeException e) {
            leaveFailed(companyId, e);
        }
    }

    /**
     * The company's page failed: the company is recorded as failed and left, and the run goes on,
     * unless the failure ends the run.
     *
     * @param e an {@link SQLException} or a {@link RuntimeException}
     */
    private void leaveFailed(long companyId, Exception e) throws SQLException {
        if (CompanyFailures.endsTheRun(e)) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (SQLException) e;
        }
        ahead.close();
        CompanyFailures.record(database, run, companyId, e);
        currentCompany = null;
    }

    /**
     * A derivation runs two statements, each bounded by the statement timeout; the third timeout
     * and the margin leave room for its wait in the executor's queue.
     */
    private static Duration derivationWait(int statementTimeoutSeconds) {
        return Duration.ofSeconds(3L * statementTimeoutSeconds + 30);
    }

    /** A read ahead is two statements (the clock and the rule); the margin covers its queueing. */
    private static Duration readAheadWait(int statementTimeoutSeconds) {
        return Duration.ofSeconds(2L * statementTimeoutSeconds + 30);
    }

    private void stopForBudget(String why) {
        ahead.close();
        run.budgetStopped();
        LOG.info(() -> run.log() + "time budget: " + why);
    }
}
