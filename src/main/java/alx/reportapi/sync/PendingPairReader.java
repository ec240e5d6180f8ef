package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.db.TransientFailures;
import alx.reportapi.moodle.ChangeDetector;
import alx.reportapi.moodle.CompletionChanges;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.ModuleFingerprints;
import alx.reportapi.moodle.Pair;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * Walks companies in queue order and yields each company's pending pairs a page at a time, with
 * their rows derived: while the writer commits a page, the next ones are derived ahead
 * ({@link PagesAhead}).
 * <p>
 * Starting a company detects its changes (a full pass the first time). Its pass then survives the
 * run: a budget stop, a failure or a restart resumes it where the last committed page ended, and
 * the company's cursor moves only when its last page is written.
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
    private Long currentCompany;
    private Pair lastRead = Pair.START;
    private boolean nextPageIsFirst;

    @Override
    public void open(Serializable checkpoint) throws Exception {
        run = SyncRun.of(jobContext);
        queue = new CompanyQueue(database);
        pendingPairs = new PendingPairs(database);
        ahead = new PagesAhead(executor, PAGES_DERIVED_AHEAD);
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
            run.completionChanges(CompletionChanges.collect(database, connection, DatabaseClock.now(connection),
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
                Optional<CompanySyncState> next = nextCompany();
                if (next.isEmpty()) {
                    return null;
                }
                if (!startCompany(next.get())) {
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
            return queue.next(connection, run.runLogId(), DatabaseClock.now(connection),
                    run.budget().statementTimeoutSeconds());
        }
    }

    /**
     * Claims the company for this execution and detects its changes unless a pass is already
     * pending.
     *
     * @return true when the company has pages to read; false when it failed, or when nothing of
     *         it changed and its pass is already complete
     */
    private boolean startCompany(CompanySyncState state) {
        long companyId = state.companyId();
        try {
            Optional<PageWrite> completedAtOnce = TransientFailures.retry(() -> detectInOwnTransaction(state));
            if (completedAtOnce.isPresent()) {
                run.wrote(completedAtOnce.get().written(), completedAtOnce.get().deleted());
                run.companyDone();
                return false;
            }
            currentCompany = companyId;
            lastRead = state.passInProgress() ? state.resumeAfter() : Pair.START;
            nextPageIsFirst = true;
            return true;
        } catch (SQLException | RuntimeException e) {
            if (CompanyFailures.endsTheRun(e)) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            CompanyFailures.record(database, run, companyId, e);
            return false;
        }
    }

    /**
     * A new pass whose changes fit one page is derived and written in the same transaction as its
     * detection: a company with a few changes costs one transaction and no chunk, as an unchanged
     * one does. Larger passes go page by page through the chunk, resumable.
     *
     * @return what was written when the pass completed in this transaction; empty when pages are
     *         left for the chunk, or a pass was already in progress
     */
    private Optional<PageWrite> detectInOwnTransaction(CompanySyncState state) throws SQLException {
        try (Connection connection = database.connect()) {
            int timeout = run.budget().statementTimeoutSeconds();
            connection.setAutoCommit(false);
            try {
                run.fence().verify(connection);
                long detectionStartedAt = DatabaseClock.now(connection);
                queue.markAttempt(connection, state.companyId(), run.runLogId(), detectionStartedAt, timeout);
                Optional<PageWrite> completedAtOnce = Optional.empty();
                if (!state.passInProgress()) {
                    detectChanges(connection, state, detectionStartedAt, timeout);
                    PairPage onlyPage = loader.keys(connection, state.companyId(), Pair.START, timeout);
                    if (onlyPage.lastOfCompany()) {
                        completedAtOnce = Optional.of(PageWrite.write(database, connection,
                                loader.derive(connection, onlyPage, timeout), timeout));
                    }
                }
                connection.commit();
                return completedAtOnce;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private void detectChanges(Connection connection, CompanySyncState state, long detectionStartedAt, int timeout)
            throws SQLException {
        long companyId = state.companyId();
        pendingPairs.clear(connection, companyId, timeout);
        Optional<Long> cursor = new SyncStatusStore(database).cursor(connection, companyId, timeout);
        ChangeDetector detector = new ChangeDetector(database, connection, timeout);
        Map<Long, String> fingerprints = run.courseModules().fingerprints();
        boolean full = state.neverSynced() || cursor.isEmpty();
        Map<Long, String> confirmed = ModuleFingerprints.confirmed(database, connection, companyId, timeout);
        if (full) {
            detector.fillFull(companyId);
        } else {
            detector.fillIncremental(companyId, cursor.get(), ModuleFingerprints.changedCourses(confirmed, fingerprints),
                    run.completionChanges());
        }
        ModuleFingerprints.storePending(database, connection, companyId, fingerprints, confirmed, timeout);
        long passStart = run.completionChanges().map(changes -> changes.passStart(detectionStartedAt))
                .orElse(detectionStartedAt);
        queue.startPass(connection, companyId, full ? "full" : "incremental", passStart, timeout);
        LOG.fine(() -> run.log() + "company " + companyId + ": " + (full ? "full" : "incremental since " + cursor.get())
                + " pass started");
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
            page = derivedAhead.isPresent() ? derivedAhead.get()
                    : loader.derive(loader.keys(companyId, lastRead, timeout), timeout);
            ahead.fill(loader, page.page(), timeout);
        } catch (SQLException | RuntimeException e) {
            if (CompanyFailures.endsTheRun(e)) {
                throw e;
            }
            ahead.close();
            CompanyFailures.record(database, run, companyId, e);
            currentCompany = null;
            return null;
        }
        lastRead = page.page().upTo();
        nextPageIsFirst = false;
        if (page.page().lastOfCompany()) {
            currentCompany = null;
        }
        return page;
    }

    /**
     * A derivation runs two statements, each bounded by the statement timeout; the third timeout
     * and the margin leave room for its wait in the executor's queue.
     */
    private static Duration derivationWait(int statementTimeoutSeconds) {
        return Duration.ofSeconds(3L * statementTimeoutSeconds + 30);
    }

    private void stopForBudget(String why) {
        ahead.close();
        run.budgetStopped();
        LOG.info(() -> run.log() + "time budget: " + why);
    }
}
