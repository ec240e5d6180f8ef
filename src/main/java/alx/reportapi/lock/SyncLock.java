package alx.reportapi.lock;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.db.Retry;
import alx.reportapi.db.Session;
import alx.reportapi.db.SqlFailures;
import alx.reportapi.db.Transaction;

import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster-wide sync lock in Moodle's {@code config_plugins} (README, Behavior 2, 3 and 11).
 * <p>
 * Behaviour:
 * <ol>
 *   <li>Taking is decided by conditional writes on the database clock, never by a read: an UPDATE
 *       that matches only an empty, unreadable or stale lock row, else an INSERT IGNORE that
 *       succeeds only when there is no row. Racing takers serialize on the row; one wins.</li>
 *   <li>A lock is stale after {@code staleAfterSeconds} (default one hour) without a heartbeat. A
 *       live lock is never taken over or freed, except by its holder or, for a run that would not
 *       stop, by the watchdog naming that holder.</li>
 *   <li>The lock row's value is a Unix time, as the PHP plugin reads it, written with a leading
 *       zero that PHP never writes ({@link LockValue#writtenByThisService}); who holds it is kept
 *       in {@value #HOLDER_NAME}. Release blanks both rows, which PHP reads as a free lock.</li>
 *   <li>A holder proves the lock is still its own by both rows: the holder row names it and the
 *       lock row still carries this service's value. A PHP cron that wrote the lock right after a
 *       take (PHP reads, then writes) leaves the holder row alone, but not the value.</li>
 *   <li>A heartbeat ({@link #heartbeat}) commits on its own, every {@value #HEARTBEAT_SECONDS} s,
 *       whatever statement the run is in; so a lock whose heartbeat is older than
 *       {@value #INCARNATION_SILENCE_SECONDS} s belongs to a process that is gone.</li>
 *   <li>The fence, {@link #fence}, runs inside each writing transaction of a run: a run that lost
 *       the lock finds out before its writes commit, and no one can take the lock over between the
 *       check and that commit.</li>
 *   <li>Failures {@link SqlFailures} calls transient are retried a few times ({@link Retry}), then
 *       reported as {@link SyncLockException}.</li>
 * </ol>
 * This is not a general-purpose lock: there is one lock, for the sync, and it is never reentrant
 * across executions.
 */
public final class SyncLock {

    public static final String PLUGIN = Plugin.COMPONENT;
    public static final String LOCK_NAME = "sync_task_lock";
    public static final String HOLDER_NAME = "sync_task_lock_holder";
    public static final long DEFAULT_STALE_SECONDS = 3600;
    /** A year: anything longer would leave a crashed run's lock in place for good. */
    public static final long MAX_STALE_SECONDS = 365L * 24 * 3600;
    /** How often a running holder's heartbeat commits, independently of its run's statements. */
    public static final long HEARTBEAT_SECONDS = 5;
    /**
     * Heartbeats missed for this long mean the holder's process is gone: three missed beats, so a
     * busy machine's late timer is not taken for a dead process, and still shorter than a server's
     * restart, so a node restarted after a crash takes runs at once. Only a node's own earlier
     * incarnation is judged by it; other nodes wait for the stale period.
     */
    public static final long INCARNATION_SILENCE_SECONDS = 3 * HEARTBEAT_SECONDS;

    private static final Logger LOG = Logger.getLogger(SyncLock.class.getName());
    private static final String TAG = Plugin.LOG_PREFIX;

    private final Database database;
    private final long staleAfterSeconds;
    private final LockRows rows;
    private final Retry retry;

    public SyncLock(Database database, long staleAfterSeconds) {
        this(database, staleAfterSeconds, Retry.standard());
    }

    SyncLock(Database database, long staleAfterSeconds, Retry retry) {
        if (staleAfterSeconds < 1 || staleAfterSeconds > MAX_STALE_SECONDS) {
            throw new IllegalArgumentException("The lock's stale period must be 1 to " + MAX_STALE_SECONDS
                    + " seconds, was " + staleAfterSeconds + ".");
        }
        this.database = Objects.requireNonNull(database, "database");
        this.staleAfterSeconds = staleAfterSeconds;
        this.rows = new LockRows(staleAfterSeconds);
        this.retry = retry;
    }

    public long staleAfterSeconds() {
        return staleAfterSeconds;
    }

    /** Takes the lock for {@code who} if it is free or stale; in a transaction of its own. */
    public TakeResult take(LockHolder who) {
        Objects.requireNonNull(who, "who");
        TakeOutcome outcome = inOwnTransaction("take the sync lock", tag(who), session -> takeIn(session, who));
        outcome.log(tag(who), staleAfterSeconds);
        return outcome.result();
    }

    /**
     * The fence: inside the caller's open transaction, locks the lock's rows, checks that
     * {@code who} still holds the lock, and marks it alive. Call it as the last statement before the
     * chunk commits: until that commit, a takeover, release or cleanup waits, so the chunk's writes
     * and the proof that it held the lock commit together. On {@code false} the caller must roll back.
     * <p>
     * Not retried here: a deadlock rolls back the caller's whole transaction, which only the caller
     * can redo.
     *
     * @param inCallersTransaction a session of a {@link Transaction}; this method neither commits nor
     *                             rolls back
     */
    public boolean fence(Session inCallersTransaction, LockHolder who) throws SQLException {
        Objects.requireNonNull(who, "who");
        if (inCallersTransaction.connection().getAutoCommit()) {
            throw new IllegalStateException(tag(who) + "the fence must run inside the writing transaction:"
                    + " call it from a Transaction, which commits after it");
        }
        Verdict verdict = verifyAndBump(inCallersTransaction, who);
        if (!verdict.holds()) {
            LOG.warning(() -> tag(who) + "fence: this execution no longer holds the sync lock ("
                    + verdict.detail() + "); its chunk must not commit");
        }
        return verdict.holds();
    }

    /**
     * The heartbeat, in a transaction of its own: if {@code who} still holds the lock (holder row
     * and value both its own), marks it alive and commits at once, so that a run busy in one long
     * statement still shows a live lock.
     *
     * @return false, changing nothing, when {@code who} no longer holds the lock
     */
    public boolean heartbeat(LockHolder who) {
        Objects.requireNonNull(who, "who");
        Verdict verdict = inOwnTransaction("heartbeat the sync lock", tag(who), session -> verifyAndBump(session, who));
        if (!verdict.holds()) {
            Level level = verdict.free() ? Level.FINE : Level.WARNING;
            LOG.log(level, () -> tag(who) + "heartbeat: this execution no longer holds the sync lock ("
                    + verdict.detail() + "); its next write ends the run as having lost the lock");
        }
        return verdict.holds();
    }

    /**
     * Releases the lock if {@code who} holds it; false, changing nothing, otherwise. Its holder
     * releases it at the end of a run; the watchdog and an operator release it for a run that
     * would not stop or whose process is gone, naming that run.
     */
    public boolean release(LockHolder who) {
        Objects.requireNonNull(who, "who");
        Verdict verdict = inOwnTransaction("release the sync lock", tag(who), session -> deleteIfHeldBy(session, who));
        if (verdict.holds()) {
            LOG.info(() -> tag(who) + "released the sync lock");
        } else {
            LOG.warning(() -> tag(who) + "did not release the sync lock: this execution does not hold it ("
                    + verdict.detail() + ")");
        }
        return verdict.holds();
    }

    /** The lock as it is now, on the database clock; empty when it is free. */
    public Optional<LockState> state() {
        return withRetries("read the sync lock", TAG, () -> Session.autoCommit(database,
                LockRows.STATEMENT_TIMEOUT_SECONDS, session -> rows.read(session).toState(staleAfterSeconds)));
    }

    /**
     * Frees a lock held by an earlier incarnation of {@code node} once its heartbeat has been
     * silent for {@value #INCARNATION_SILENCE_SECONDS} s (or the stale period, if shorter): that
     * process is gone, and nobody else would free its lock before it went stale. A lock whose
     * heartbeat is younger is left alone and warned about: a live process with the same node name
     * may hold it. Never touches another node's lock, nor this incarnation's, nor a lock the PHP
     * plugin's cron wrote over.
     *
     * @return the holders whose lock was freed, so their executions can be marked failed
     */
    public List<LockHolder> recoverDeadIncarnations(String node, String currentIncarnation) {
        LockHolder self = new LockHolder(node, currentIncarnation, 0);
        List<LockHolder> freed = inOwnTransaction("recover the sync lock of earlier incarnations", TAG,
                session -> deleteIfDeadIncarnation(session, self));
        freed.forEach(dead -> LOG.warning(() -> TAG + "freed the sync lock of " + dead.describe() + ": it belonged"
                + " to incarnation " + dead.incarnation() + " of this node, whose heartbeat stopped"));
        return freed;
    }

    /**
     * Frees the lock only if it is stale (or unreadable), for the admin's "free a stuck lock".
     *
     * @return who held the freed lock ({@link LockHolder#UNRECORDED} when nobody was recorded, as
     *         with PHP); empty when nothing was freed
     */
    public Optional<LockHolder> releaseIfStale() {
        Optional<LockHolder> freed = inOwnTransaction("free a stale sync lock", TAG, this::deleteIfNotLive);
        freed.ifPresent(holder -> LOG.warning(() -> TAG + "freed a stale sync lock held by " + holder.describe()));
        return freed;
    }

    private <T> T inOwnTransaction(String what, String tag, Session.Work<T> work) {
        return withRetries(what, tag, () -> Transaction.run(database, Transaction.Isolation.READ_COMMITTED,
                LockRows.STATEMENT_TIMEOUT_SECONDS, work));
    }

    private <T> T withRetries(String what, String tag, Retry.Attempt<T> attempt) {
        try {
            return retry.run(what, attempt);
        } catch (SQLException e) {
            throw new SyncLockException(tag + "could not " + what + (Retry.triesAgainAfter(e) ? " after "
                    + retry.maxAttempts() + " attempts; the last failure was " : ": ") + SqlFailures.describe(e)
                    + ". Check that the database is reachable and not overloaded.", e);
        }
    }

    private TakeOutcome takeIn(Session session, LockHolder who) throws SQLException {
        // A plain read answers a live lock without waiting: the conditional writes below would
        // queue behind the holder's fence, heartbeat or release. Only the writes ever take it.
        Optional<LockState> seen = rows.read(session).toState(staleAfterSeconds);
        if (seen.isPresent() && !seen.get().stale() && seen.get().holder().filter(who::equals).isEmpty()) {
            return new TakeOutcome(new TakeResult.Held(seen.get()), Optional.empty(), Optional.empty());
        }
        for (Takeover takeover : Takeover.values()) {
            if (rows.takeOver(session, takeover)) {
                Optional<HolderRecord> previous = rows.read(session).holderValue().flatMap(HolderRecord::parse);
                rows.writeHolder(session, who);
                return new TakeOutcome(new TakeResult.Taken(who, takeover.takesOverAHolder), Optional.of(takeover),
                        previous);
            }
        }
        // Only a site that never had the row inserts it; everywhere else the row exists (freeing
        // blanks it) and a held lock is answered by the read below, without an INSERT's gap locks.
        StoredRows stored = rows.read(session);
        if (stored.lockValue().isEmpty() && rows.insertFreeLock(session)) {
            rows.writeHolder(session, who);
            return new TakeOutcome(new TakeResult.Taken(who, false), Optional.empty(), Optional.empty());
        }
        Optional<LockState> current = (stored.lockValue().isEmpty() ? rows.read(session) : stored)
                .toState(staleAfterSeconds);
        if (current.isEmpty()) {
            // Released between the INSERT and this read: a retry will find it free.
            throw new SQLTransientException("the sync lock was released while being taken", "40001");
        }
        if (current.get().holder().filter(who::equals).isPresent()) {
            // A retried take whose first attempt committed before its session was lost.
            return new TakeOutcome(new TakeResult.Taken(who, false), Optional.empty(), Optional.empty(), true);
        }
        return new TakeOutcome(new TakeResult.Held(current.get()), Optional.empty(), Optional.empty());
    }

    private Verdict verifyAndBump(Session session, LockHolder who) throws SQLException {
        Verdict verdict = verify(session, who);
        if (verdict.holds()) {
            rows.bumpHeartbeat(session);
        }
        return verdict;
    }

    private Verdict deleteIfHeldBy(Session session, LockHolder who) throws SQLException {
        Verdict verdict = verify(session, who);
        if (verdict.holds()) {
            rows.deleteBoth(session);
        }
        return verdict;
    }

    /** Locks both rows until the transaction ends and says whether {@code who} holds the lock. */
    private Verdict verify(Session session, LockHolder who) throws SQLException {
        Optional<String> lock = rows.selectForUpdate(session, LOCK_NAME);
        Optional<String> holder = rows.selectForUpdate(session, HOLDER_NAME);
        if (lock.isEmpty() || LockValue.isFree(lock.get())) {
            return Verdict.FREE;
        }
        Optional<HolderRecord> recorded = holder.flatMap(HolderRecord::parse);
        if (recorded.isEmpty() || !recorded.get().holder().equals(who)) {
            return new Verdict(false, false, "it is held by "
                    + recorded.map(r -> r.holder().describe()).orElse(LockHolder.UNRECORDED.describe()));
        }
        if (!LockValue.writtenByThisService(lock.get())) {
            return new Verdict(false, false, "the lock's value '" + HolderRecord.abbreviate(lock.get())
                    + "' is not one this service writes: the PHP plugin's cron, or someone by hand, wrote it after"
                    + " this execution took the lock, and that cron may be syncing now");
        }
        return Verdict.HOLDS;
    }

    private List<LockHolder> deleteIfDeadIncarnation(Session session, LockHolder self) throws SQLException {
        Optional<String> lock = rows.selectForUpdate(session, LOCK_NAME);
        Optional<String> holder = rows.selectForUpdate(session, HOLDER_NAME);
        Optional<LockHolder> recorded = holder.flatMap(HolderRecord::parse).map(HolderRecord::holder);
        if (recorded.isEmpty() || !recorded.get().node().equals(self.node())
                || recorded.get().incarnation().equals(self.incarnation())) {
            return List.of();
        }
        LockHolder earlier = recorded.get();
        if (lock.isEmpty() || LockValue.isFree(lock.get())) {
            // Only a leftover holder row: there was no lock to free.
            rows.deleteBoth(session);
            return List.of();
        }
        if (!LockValue.writtenByThisService(lock.get())) {
            return List.of();
        }
        if (!rows.deleteLockIfSilentFor(session, Math.min(INCARNATION_SILENCE_SECONDS, staleAfterSeconds))) {
            LOG.warning(() -> TAG + "the sync lock is held by " + earlier.describe() + ", incarnation "
                    + earlier.incarnation() + ", whose heartbeat is live: another process runs with this node's name ("
                    + self.node() + "), or this node's previous process died less than " + INCARNATION_SILENCE_SECONDS
                    + " s ago. Its lock is left alone; give every process its own ALX_NODE_NAME.");
            return List.of();
        }
        rows.deleteBoth(session);
        return List.of(earlier);
    }

    private Optional<LockHolder> deleteIfNotLive(Session session) throws SQLException {
        Optional<String> lock = rows.selectForUpdate(session, LOCK_NAME);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> holder = rows.selectForUpdate(session, HOLDER_NAME);
        if (!rows.deleteLockIfNotLive(session)) {
            LOG.info(() -> TAG + "refused to free the sync lock: it is live");
            return Optional.empty();
        }
        rows.deleteBoth(session);
        if (LockValue.isFree(lock.get())) {
            return Optional.empty();
        }
        return Optional.of(holder.flatMap(HolderRecord::parse).map(HolderRecord::holder).orElse(LockHolder.UNRECORDED));
    }

    static String tag(LockHolder who) {
        return TAG + "execution " + who.executionId() + ": ";
    }

    /** Whether the caller holds the lock, and if not, why not. */
    private record Verdict(boolean holds, boolean free, String detail) {
        static final Verdict HOLDS = new Verdict(true, false, "");
        static final Verdict FREE = new Verdict(false, true, "the lock is free");
    }

    /** What one take decided, logged once its transaction committed. */
    private record TakeOutcome(TakeResult result, Optional<Takeover> takeover, Optional<HolderRecord> previous,
            boolean alreadyHeld) {

        TakeOutcome(TakeResult result, Optional<Takeover> takeover, Optional<HolderRecord> previous) {
            this(result, takeover, previous, false);
        }

        void log(String tag, long staleAfterSeconds) {
            if (result instanceof TakeResult.Held held) {
                LOG.fine(() -> tag + held.skipMessage());
                return;
            }
            LockHolder who = ((TakeResult.Taken) result).holder();
            if (alreadyHeld) {
                LOG.info(() -> tag + "already held the sync lock (a retried take whose first attempt committed)");
                return;
            }
            if (takeover.isEmpty()) {
                LOG.info(() -> tag + "took the sync lock for " + who.describe() + ", incarnation " + who.incarnation());
                return;
            }
            String from = previous.map(p -> p.holder().describe()).orElse(LockHolder.UNRECORDED.describe());
            switch (takeover.get()) {
                case STALE -> LOG.warning(() -> tag + "took over a stale sync lock from " + from + ": no heartbeat for"
                        + " more than " + staleAfterSeconds + " s; now held by " + who.describe());
                case UNREADABLE -> LOG.warning(() -> tag + "the " + LOCK_NAME + " value in config_plugins was not a Unix"
                        + " time; treated it as stale and took the lock over from " + from);
                case EMPTY -> LOG.info(() -> tag + "took the sync lock (its row was empty, which counts as free)"
                        + " for " + who.describe());
            }
        }
    }
}
