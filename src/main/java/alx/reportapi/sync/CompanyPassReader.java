package alx.reportapi.sync;

import alx.reportapi.moodle.Pair;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.sync.SyncItem.PassPage;
import alx.reportapi.sync.SyncItem.StartPasses;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Reads what the run does next, and only reads: the due companies in queue order (handed out as
 * {@link StartPasses}, which the writer starts), then the pages of the one pass the run is paging
 * (handed out as {@link PassPage}s, each naming the page after it). It checks the time budget
 * before each item (README, Behavior 8): no company starts with less than 30 s left, and a pass
 * pauses with less than 60 s left, to resume on the next run.
 * <p>
 * Before it hands out a pass's last page, it has the next due companies started, so that the next
 * pass's first page is derived while that last page is written.
 * <p>
 * Where the run stands is kept in the database, which the writer updates with every page: a
 * restarted execution resumes each pass after its last written page. The checkpoint only names it
 * for the log.
 */
@Named("CompanyPassReader")
@Dependent
public class CompanyPassReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(CompanyPassReader.class.getName());

    /**
     * Companies handed to the writer to start at once, shared out among its lanes, each lane's
     * companies in one transaction when their passes complete at once: each saves a commit and a
     * fence. Few, so that one company's failure sends few back to start one at a time.
     */
    static final int COMPANIES_PER_TRANSACTION = 10;

    /** Every item either moves past a company or is handed out; this bounds a run's items. */
    private static final int MAX_TURNS = 10_000_000;

    @Inject
    JobContext jobContext;

    private SyncRun run;
    private CompanyPass companyPass;
    private final CompanyQueue queue = new CompanyQueue();

    /** The pass being paged: its company, the last page handed out, and the next page if read. */
    private Long current;
    private Pair lastRead = Pair.START;
    private PairPage nextPage;
    private boolean pagedAny;
    /** The companies after the current pass were started already, ahead of its last page. */
    private boolean startedAhead;

    @Override
    public void open(Serializable checkpoint) {
        run = SyncRun.of(jobContext);
        companyPass = new CompanyPass(run.detection());
        if (checkpoint instanceof SyncCheckpoint resumed) {
            LOG.info(() -> run.log() + "restarted: resuming company " + resumed.companyId() + " after "
                    + resumed.lastRead());
        }
    }

    @Override
    public Object readItem() throws SQLException {
        if (run.skippedBecause().isPresent()) {
            return null;
        }
        SyncItem item = run.passTimes().time(PassTimes.Phase.READING, this::nextItem);
        if (item == null) {
            run.readingFinished();
        }
        return item;
    }

    // Pages read ahead are not handed out yet: the checkpoint names the last page the writer got.
    @Override
    public Serializable checkpointInfo() {
        return current == null ? null : new SyncCheckpoint(current, lastRead);
    }

    private SyncItem nextItem() throws SQLException {
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            if (current != null && run.hasFailed(current)) {
                leaveCurrent();
            }
            if (current == null) {
                Optional<CompanySyncState> pass = passOfRun(-1);
                if (pass.isEmpty()) {
                    if (!run.budget().mayStartCompany()) {
                        return stopForBudget("no new company starts with " + run.budget().remaining().toSeconds()
                                + " s left");
                    }
                    List<CompanySyncState> due = due();
                    return due.isEmpty() ? null : new StartPasses(due);
                }
                becomeCurrent(pass.get());
                continue;
            }
            if (pagedAny && !run.budget().mayContinueCompany()) {
                return stopForBudget("company " + current + " pauses with " + run.budget().remaining().toSeconds()
                        + " s left; its pass resumes on the next run");
            }
            if (nextPage == null) {
                nextPage = page(current, lastRead);
            }
            PairPage page = nextPage;
            if (!page.lastOfCompany()) {
                PairPage following = page(current, page.upTo());
                handOut(page, following);
                return new PassPage(page, Optional.of(following));
            }
            if (!startedAhead && run.budget().mayStartCompany()) {
                startedAhead = true;
                List<CompanySyncState> due = due();
                if (!due.isEmpty()) {
                    return new StartPasses(due);
                }
            }
            Optional<CompanySyncState> nextPass = passOfRun(current);
            Optional<PairPage> following = nextPass.isEmpty() ? Optional.empty()
                    : Optional.of(page(nextPass.get().companyId(), nextPass.get().resumeAfter()));
            handOut(page, null);
            leaveCurrent();
            nextPass.ifPresent(this::becomeCurrent);
            following.ifPresent(first -> nextPage = first);
            return new PassPage(page, following);
        }
        throw new IllegalStateException(run.log() + "more than " + MAX_TURNS + " items in one run");
    }

    private void becomeCurrent(CompanySyncState pass) {
        current = pass.companyId();
        lastRead = pass.resumeAfter();
        nextPage = null;
        pagedAny = false;
        startedAhead = false;
    }

    private void handOut(PairPage page, PairPage following) {
        lastRead = page.upTo();
        nextPage = following;
        pagedAny = true;
    }

    private void leaveCurrent() {
        current = null;
        nextPage = null;
    }

    private SyncItem stopForBudget(String why) {
        run.budgetStopped();
        LOG.info(() -> run.log() + "time budget: " + why);
        return null;
    }

    private Optional<CompanySyncState> passOfRun(long exceptCompanyId) throws SQLException {
        return run.transactions().read("find the run's pass in progress",
                session -> queue.passOfRun(session, run.runLogId(), exceptCompanyId));
    }

    private List<CompanySyncState> due() throws SQLException {
        return run.transactions().read("read the due companies",
                session -> queue.due(session, run.runLogId(), COMPANIES_PER_TRANSACTION));
    }

    private PairPage page(long companyId, Pair after) throws SQLException {
        return run.transactions().read("read a page of pending pairs",
                session -> companyPass.page(session, companyId, after, run.batchSize()));
    }
}
