package alx.reportapi.sync;

import alx.reportapi.Plugin;
import alx.reportapi.db.Session;
import alx.reportapi.moodle.ChangeDetector;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.reporting.PendingPairs;
import alx.reportapi.reporting.SyncStatusStore;
import alx.reportapi.reporting.VerificationPlaces;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A company's pass, from start to end, in the caller's transaction (README, Behavior 5 to 9): its
 * start detects the company's changes into its pending pairs, its pages are read by key, its
 * progress is recorded page by page, and its completion moves the company's cursor to when its
 * detection began, less {@code change_overlap_seconds}. An incremental pass also verifies the slice
 * of the company's members it owes (Behavior 16). A failure abandons the pass and schedules a retry.
 * <p>
 * The one owner of these facts: the pending pairs, the queue row's pass, the cursor and the
 * verification place a pass confirms.
 */
final class CompanyPass {

    private static final Logger LOG = Logger.getLogger(CompanyPass.class.getName());

    private final CompanyQueue queue = new CompanyQueue();
    private final PendingPairs pendingPairs = new PendingPairs();
    private final SyncStatusStore statuses = new SyncStatusStore();
    private final ChangeDetector detector = new ChangeDetector();
    private final VerificationPlaces verificationPlaces = new VerificationPlaces();
    private final ChangeDetectionSettings settings;
    private final VerificationPace verificationPace;

    CompanyPass(ChangeDetectionSettings settings) {
        this.settings = settings;
        this.verificationPace = new VerificationPace(settings.verifyWindowSeconds());
    }

    /**
     * Starts the company's pass for the run: detects its changes since its cursor (everything the
     * first time, or when the run's collection does not reach back to its cursor) and marks the
     * run's attempt. Its detection counts as started at the session's time, read before it.
     */
    Pass start(Session session, CompanySyncState company, long runId, Optional<TimedChanges> timedChanges)
            throws SQLException {
        long companyId = company.companyId();
        long detectionStartedAt = session.now();
        pendingPairs.clear(session, companyId);
        Optional<Long> cursor = statuses.cursor(session, companyId);
        boolean full = company.neverSynced() || cursor.isEmpty() || timedChanges.isEmpty()
                || !timedChanges.get().answersFor(cursor.get());
        VerificationPlaces.Place place = verificationPlaces.get(session, companyId);
        if (full) {
            detector.fillFull(session, companyId);
            verificationPlaces.recordPass(session, companyId, new VerificationPlaces.Place(place.afterUserId(),
                    detectionStartedAt));
        } else {
            detector.fillIncremental(session, companyId, cursor.get(), timedChanges.get());
            verify(session, companyId, place, detectionStartedAt);
        }
        long startedAt = timedChanges.map(changes -> changes.passStart(detectionStartedAt)).orElse(detectionStartedAt);
        String mode = full ? Pass.FULL : Pass.INCREMENTAL;
        queue.startPass(session, companyId, runId, mode, startedAt);
        LOG.fine(() -> Plugin.LOG_PREFIX + "company " + companyId + ": " + (full ? "full" : "incremental since "
                + cursor.get()) + " pass started");
        return new Pass(companyId, mode, startedAt, 0, true);
    }

    /**
     * Adds the verification slice the company owes to its pending pairs (README, Behavior 16):
     * the next members in user id order after its place; past the last member, the slice ends
     * there and the next one starts from the first. A row of a user who left the company is the
     * membership digest's to find (Behavior 5), not the verification's.
     */
    private void verify(Session session, long companyId, VerificationPlaces.Place place, long now)
            throws SQLException {
        long members = session.number("SELECT COUNT(*) FROM {company_users} WHERE companyid = ?", companyId);
        VerificationPace.Slice slice = verificationPace.slice(members, place.paidUntil(), now);
        long after = place.afterUserId();
        long next = after;
        if (slice.users() > 0) {
            List<Long> users = session.list("SELECT userid FROM {company_users} WHERE companyid = ? AND userid > ?"
                    + " ORDER BY userid LIMIT ?", rs -> rs.getLong(1), companyId, after, slice.users());
            detector.addVerification(session, companyId, users);
            next = users.size() < slice.users() ? 0 : users.get(users.size() - 1);
        }
        verificationPlaces.recordPass(session, companyId, new VerificationPlaces.Place(next, slice.paidUntil()));
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
        List<PendingPairs.Pending> pending = pendingPairs.page(session, companyId, after, batchSize + 1);
        boolean last = pending.size() <= batchSize;
        List<PendingPairs.Pending> page = last ? pending : pending.subList(0, batchSize);
        return new PairPage(companyId, after, page.stream().map(PendingPairs.Pending::pair).toList(), last,
                page.stream().filter(PendingPairs.Pending::verifyOnly).map(PendingPairs.Pending::pair)
                        .collect(Collectors.toSet()));
    }

    /** A page is written: the pass resumes after it from now on, in this run or the next. */
    void recordPage(Session session, long companyId, Pair upTo, int rows) throws SQLException {
        queue.recordProgress(session, companyId, upTo, rows);
    }

    /** The pass in progress as the queue row describes it; empty when there is none (a replayed last page). */
    Optional<Pass> inProgress(Session session, long companyId) throws SQLException {
        return queue.get(session, companyId).filter(CompanySyncState::passInProgress)
                .map(state -> new Pass(companyId, state.passMode(), state.passStartedAt(), state.passRows(), true));
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
        verificationPlaces.confirmPass(session, companyId);
        long cursor = pass.startedAt() - settings.overlapSeconds();
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
