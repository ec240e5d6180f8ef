package alx.reportapi.sync;

import alx.reportapi.Plugin;
import alx.reportapi.db.Session;
import alx.reportapi.moodle.ChangeDetector;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.ModuleFingerprints;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.StoredFingerprints;
import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.reporting.PendingPairs;
import alx.reportapi.reporting.SyncStatusStore;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A company's pass, from start to end, in the caller's transaction (README, Behavior 5 to 9): its
 * start detects the company's changes into its pending pairs, its pages are read by key, its
 * progress is recorded page by page, and its completion moves the company's cursor to when its
 * detection began, less the overlap. A failure abandons the pass and schedules a retry.
 * <p>
 * The one owner of these facts: the pending pairs, the queue row's pass, the cursor and the module
 * fingerprints a pass confirms.
 */
final class CompanyPass {

    /** Moodle writes its timestamps from web-server clocks, which may run behind the database's. */
    static final long CURSOR_OVERLAP_SECONDS = 300;

    private static final Logger LOG = Logger.getLogger(CompanyPass.class.getName());

    private final CompanyQueue queue = new CompanyQueue();
    private final PendingPairs pendingPairs = new PendingPairs();
    private final SyncStatusStore statuses = new SyncStatusStore();
    private final ChangeDetector detector = new ChangeDetector();

    /**
     * Starts the company's pass for the run: detects its changes since its cursor (everything the
     * first time, or when the run's collection does not reach back to its cursor) and marks the
     * run's attempt. Its detection counts as started at the session's time, read before it.
     */
    Pass start(Session session, CompanySyncState company, long runId, CourseModules courseModules,
            Optional<TimedChanges> timedChanges) throws SQLException {
        long companyId = company.companyId();
        long detectionStartedAt = session.now();
        pendingPairs.clear(session, companyId);
        Optional<Long> cursor = statuses.cursor(session, companyId);
        boolean full = company.neverSynced() || cursor.isEmpty() || timedChanges.isEmpty()
                || !timedChanges.get().answersFor(cursor.get());
        Map<Long, String> fingerprints = courseModules.fingerprints();
        StoredFingerprints stored = ModuleFingerprints.stored(session, companyId);
        if (full) {
            detector.fillFull(session, companyId);
        } else {
            detector.fillIncremental(session, companyId, cursor.get(),
                    ModuleFingerprints.changedCourses(stored.confirmed(), fingerprints), timedChanges.get());
        }
        boolean fingerprintsPending = ModuleFingerprints.storePending(session, companyId, fingerprints, stored);
        long startedAt = timedChanges.map(changes -> changes.passStart(detectionStartedAt)).orElse(detectionStartedAt);
        String mode = full ? Pass.FULL : Pass.INCREMENTAL;
        queue.startPass(session, companyId, runId, mode, startedAt, fingerprintsPending);
        LOG.fine(() -> Plugin.LOG_PREFIX + "company " + companyId + ": " + (full ? "full" : "incremental since "
                + cursor.get()) + " pass started");
        return new Pass(companyId, mode, startedAt, 0, fingerprintsPending, true);
    }

    /** The run takes on a pass an earlier run left in progress. */
    void claim(Session session, long companyId, long runId) throws SQLException {
        queue.claim(session, companyId, runId);
    }

    /**
     * The pass's next page of pending pairs after {@code after}: up to {@code batchSize} pairs, and
     * whether it is the pass's last page (one pair more is read to tell).
     */
    PairPage page(Session session, long companyId, Pair after, int batchSize) throws SQLException {
        List<Pair> pairs = pendingPairs.page(session, companyId, after, batchSize + 1);
        boolean last = pairs.size() <= batchSize;
        return new PairPage(companyId, after, last ? pairs : pairs.subList(0, batchSize), last);
    }

    /** A page is written: the pass resumes after it from now on, in this run or the next. */
    void recordPage(Session session, long companyId, Pair upTo, int rows) throws SQLException {
        queue.recordProgress(session, companyId, upTo, rows);
    }

    /** The pass in progress as the queue row describes it; empty when there is none (a replayed last page). */
    Optional<Pass> inProgress(Session session, long companyId) throws SQLException {
        return queue.get(session, companyId).filter(CompanySyncState::passInProgress)
                .map(state -> new Pass(companyId, state.passMode(), state.passStartedAt(), state.passRows(),
                        state.fingerprintsPending(), true));
    }

    /**
     * Completes the pass: what it saw becomes what the next pass compares against, and the cursor
     * moves to when its detection began, less the overlap.
     */
    void complete(Session session, Pass pass) throws SQLException {
        long companyId = pass.companyId();
        if (pass.anyPendingPairs()) {
            pendingPairs.clear(session, companyId);
        }
        if (pass.fingerprintsPending()) {
            ModuleFingerprints.confirmPending(session, companyId);
        }
        long cursor = pass.startedAt() - CURSOR_OVERLAP_SECONDS;
        statuses.recordSuccess(session, companyId, cursor, pass.rows());
        queue.complete(session, companyId);
        LOG.fine(() -> Plugin.LOG_PREFIX + "company " + companyId + " synced: " + pass.mode() + " pass, "
                + pass.rows() + " rows, cursor " + cursor);
    }

    /**
     * The company's sync failed: its pass is abandoned, and it is retried on a later run or parked.
     *
     * @return true if the company is now parked
     */
    boolean fail(Session session, long companyId, String error) throws SQLException {
        boolean parked = queue.fail(session, companyId, error);
        statuses.recordFailure(session, companyId, error);
        return parked;
    }
}
