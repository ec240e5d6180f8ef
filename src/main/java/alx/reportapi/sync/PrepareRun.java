package alx.reportapi.sync;

import alx.reportapi.db.Transaction;
import alx.reportapi.moodle.CourseModules;
import alx.reportapi.moodle.Digest;
import alx.reportapi.moodle.DigestComparison;
import alx.reportapi.moodle.DigestSource;
import alx.reportapi.moodle.SourceDigests;
import alx.reportapi.moodle.ModuleFingerprints;
import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.ReportingRowStore;
import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The run's preparation, once per execution (a restarted execution prepares again): every company
 * gets a queue row, parked companies whose data changed are unparked, the source digests are
 * compared with the previous run's and what changed is recorded as observed (README, Behavior 5),
 * the site's timestamped and observed changes since the oldest cursor are collected, and
 * course_modules is scanned once for the counts every company's pass uses and the fingerprints the
 * digests compare (a course whose tracked modules changed is observed like any changed course). Its
 * writes are in two fenced transactions, the timestamped changes' beside the digests and then the
 * rest, so a run that lost its lock, even one held inside this preparation, cannot disturb the
 * next one's (Behavior 3).
 */
@Named("PrepareRun")
@Dependent
public class PrepareRun extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(PrepareRun.class.getName());

    /** Statements of the scan: the read of course_modules. */
    private static final int SCAN_STATEMENTS = 1;

    /** Statements of the timestamped part of the collection: the clock, the clearing, two sources. */
    private static final int TIMESTAMPED_STATEMENTS = 4;

    @Inject
    JobContext jobContext;

    @Resource
    ManagedExecutorService executor;

    /**
     * A source's reading: at most {@link SourceDigests#MOST_STATEMENTS_PER_SOURCE} statements, each
     * bounded by the statement timeout; the margin leaves room for its wait in the executor's queue
     * behind the other sources.
     */
    private static Duration digestWait(int timeoutSeconds) {
        return Duration.ofSeconds((long) SourceDigests.MOST_STATEMENTS_PER_SOURCE * timeoutSeconds + 60);
    }

    /** What the preparation's last transaction recorded: the collection, and the rows renamed. */
    private record Recorded(Optional<TimedChanges> collected, int renamedRows) {
    }

    /** What the preparation reads before anything else: the stored digests and the oldest cursor. */
    private record Start(Map<DigestSource, Map<Long, Digest>> storedDigests, Optional<Long> oldestCursor) {
    }

    @Override
    public String process() throws Exception {
        SyncRun run = SyncRun.of(jobContext);
        if (run.skippedBecause().isPresent()) {
            return "SKIPPED";
        }
        RunTransactions transactions = run.transactions();
        long startedNanos = System.nanoTime();
        int timeout = run.budget().statementTimeoutSeconds();
        Duration scanWait = Duration.ofSeconds(SCAN_STATEMENTS * (long) timeout + 30);
        Duration timestampedWait = Duration.ofSeconds(TIMESTAMPED_STATEMENTS * (long) timeout + 60);
        Future<CourseModules> scan = null;
        Future<TimedChanges.Timestamped> timestamped = null;
        Optional<TimedChanges> collected;
        CourseModules scanned;
        List<Future<SourceDigests.SourceReading>> readings = new ArrayList<>();
        try {
            Start start = transactions.read("read the stored digests and the oldest cursor",
                    session -> new Start(SourceDigests.stored(session), TimedChanges.oldestCursor(session)));
            // The timestamped changes, the scan and each digest read tables of their own: side by
            // side in the executor, the run waits for the slowest, not for their sum. The
            // timestamped changes are read in a fenced transaction of their own, first, as they
            // take longest; the observations join them once the digests are compared.
            if (start.oldestCursor().isPresent()) {
                long since = start.oldestCursor().get();
                timestamped = executor.submit(() -> transactions.write("collect the timestamped changes",
                        Transaction.Isolation.READ_COMMITTED, session -> TimedChanges.collectTimestamped(session, since)));
            }
            scan = executor.submit(() -> transactions.read("scan course modules", ModuleFingerprints::scan));
            for (DigestSource source : DigestSource.readByStatement()) {
                readings.add(executor.submit(() -> transactions.read("digest " + source,
                        session -> SourceDigests.read(session, source, start.storedDigests()))));
            }
            List<SourceDigests.SourceReading> read = new ArrayList<>();
            for (Future<SourceDigests.SourceReading> reading : readings) {
                read.add(BoundedWait.await(reading, digestWait(timeout), "digesting a Moodle table"));
            }
            scanned = BoundedWait.await(scan, scanWait, "scanning course modules");
            read.add(SourceDigests.ofScan(scanned, start.storedDigests()));
            DigestComparison digests = SourceDigests.combine(start.storedDigests(), read);
            long digestedNanos = System.nanoTime();
            Optional<TimedChanges.Timestamped> timestampedChanges = timestamped == null ? Optional.empty()
                    : Optional.of(BoundedWait.await(timestamped, timestampedWait, "collecting timestamped changes"));
            long timestampedNanos = System.nanoTime();
            // READ COMMITTED, as the timestamped part's: the INSERT … SELECTs read Moodle's tables,
            // and in REPEATABLE READ InnoDB would lock every row they read until the commit,
            // holding up Moodle's own writes (a learner's completion) while the run prepares.
            Recorded recorded = transactions.write("prepare the run", Transaction.Isolation.READ_COMMITTED, session -> {
                CompanyQueue queue = new CompanyQueue();
                queue.enrolNewCompanies(session);
                // Observations older than every unparked company's cursor are no company's news
                // any more; recorded before unparking, so that an untimed change unparks too. A
                // company unparked here with a cursor older than the collection's gets a full pass.
                digests.apply(session, TimedChanges.oldestCursor(session).orElse(0L));
                // In the transaction that stores the names' digests: a run that stops before it
                // commits leaves the renames for the next run to find again.
                int renamedRows = new ReportingRowStore().renameCourses(session, digests.renamedCourses());
                queue.unparkChanged(session);
                return new Recorded(TimedChanges.completeCollection(session, timestampedChanges), renamedRows);
            });
            collected = recorded.collected();
            // Counted with the rows the passes write: the run log and the metrics say what changed.
            run.wrote(recorded.renamedRows(), 0);
            // The preparation's parts are a run's fixed cost, whatever changed: logged so that an
            // operator (and the benchmark) sees where a short run's time goes.
            long preparedNanos = System.nanoTime();
            LOG.info(() -> run.log() + "prepared: sources digested in " + millis(digestedNanos - startedNanos)
                    + " ms, timestamped changes collected beside them in " + millis(timestampedNanos - startedNanos)
                    + " ms, observations recorded and fanned out in " + millis(preparedNanos - timestampedNanos) + " ms");
            if (digests.observations() > 0) {
                LOG.info(() -> run.log() + "observed untimed changes: " + digests.changedUserBlocks().size()
                        + " user blocks, " + digests.changedCourses().size() + " courses, "
                        + digests.insertedPairs().size() + " pairs found by id, " + digests.renamedCourses().size()
                        + " courses renamed (" + recorded.renamedRows() + " rows took the new name)");
            }
        } catch (SQLException | RuntimeException e) {
            readings.forEach(reading -> BoundedWait.drop(reading, digestWait(timeout)));
            if (timestamped != null) {
                BoundedWait.drop(timestamped, timestampedWait);
            }
            if (scan != null) {
                BoundedWait.drop(scan, scanWait);
            }
            throw e;
        }
        run.prepared(scanned, collected);
        return "PREPARED";
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
