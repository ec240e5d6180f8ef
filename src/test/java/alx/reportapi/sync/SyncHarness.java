package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.lock.SyncLock;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.observe.SyncMetrics;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.reporting.RunOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.concurrent.ManagedExecutorService;

import javax.sql.DataSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The sync job's artifacts wired as the batch runtime wires them, without a container: a run is
 * opened by the {@link RunLifecycle}, prepared, read, processed and written item by item, and
 * closed, on whatever database the test gives. The clock is the test's to move, and so is whether
 * the database answers.
 * <p>
 * A step's exception reaches the run as IBM JBatch (Payara) hands it over, which is the least of
 * the runtimes: the step context holds what the batchlet, the reader or the writer threw, never
 * what the processor threw.
 */
final class SyncHarness implements AutoCloseable {

    private final Database database;
    private volatile boolean unreachable;
    private final AtomicInteger refusals = new AtomicInteger();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final RunLifecycle lifecycle = new RunLifecycle();
    private final RunningSyncs runningSyncs = new RunningSyncs();
    private final SyncLock lock;
    private final MovableClock clock = new MovableClock();
    private long nextExecutionId = 1;

    /** A clock the test moves; otherwise it follows the system clock. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    SyncHarness(Database reachable) {
        this.database = new Database(switchable(reachable.dataSource()), reachable.prefix());
        this.lock = new SyncLock(database, SyncLock.DEFAULT_STALE_SECONDS);
        lifecycle.database = database;
        lifecycle.thisNode = new ThisNode("harness-node");
        lifecycle.syncLocks = new SyncLocks() {
            @Override
            public SyncLock lock() {
                return lock;
            }

            @Override
            public long staleAfterSeconds() {
                return SyncLock.DEFAULT_STALE_SECONDS;
            }
        };
        lifecycle.runningSyncs = runningSyncs;
        lifecycle.clock = clock;
        lifecycle.metrics = new SyncMetrics(new SimpleMeterRegistry());
    }

    /** While true, every new connection fails as a pool's does when the database is away. */
    void databaseUnreachable(boolean away) {
        unreachable = away;
    }

    /** The next {@code connections} new connections fail as a pool's does when the database is away. */
    void refuseConnections(int connections) {
        refusals.set(connections);
    }

    private DataSource switchable(DataSource dataSource) {
        return (DataSource) Proxy.newProxyInstance(SyncHarness.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, arguments) -> {
                    if (method.getName().equals("getConnection")
                            && (unreachable || refusals.getAndUpdate(left -> Math.max(0, left - 1)) > 0)) {
                        throw new SQLTransientConnectionException("harness: the database is unreachable", "08001");
                    }
                    try {
                        return method.invoke(dataSource, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    MovableClock clock() {
        return clock;
    }

    SyncLock lock() {
        return lock;
    }

    RunLifecycle lifecycle() {
        return lifecycle;
    }

    RunningSyncs runningSyncs() {
        return runningSyncs;
    }

    /** One whole run. */
    RunEnd run(int maxSyncTimeSeconds, int batchSize) throws Exception {
        return run(maxSyncTimeSeconds, batchSize, item -> { });
    }

    /**
     * One whole run, calling {@code beforeEachWrite} with every item before the writer gets it: a
     * test moves the clock or steals the lock there.
     */
    RunEnd run(int maxSyncTimeSeconds, int batchSize, Consumer<Object> beforeEachWrite) throws Exception {
        return run(maxSyncTimeSeconds, batchSize, new ItemHooks(item -> { }, item -> { }, beforeEachWrite));
    }

    /** One whole run, with the test's hooks around each item's processing and before its write. */
    RunEnd run(int maxSyncTimeSeconds, int batchSize, ItemHooks hooks) throws Exception {
        OpenRun open = open(maxSyncTimeSeconds, batchSize);
        open.prepare();
        return open.finish(hooks);
    }

    /**
     * What a test does around each item: before and after the processor (the latter whatever the
     * processor did), and before the writer.
     */
    record ItemHooks(Consumer<Object> beforeProcess, Consumer<Object> afterProcess, Consumer<Object> beforeWrite) {
    }

    /** What the processor threw: IBM JBatch leaves it out of the step context. */
    private static final class ProcessorFailure extends RuntimeException {
        ProcessorFailure(Exception cause) {
            super(cause);
        }
    }

    /** Opens a run (run log, lock) that the test then prepares and finishes step by step. */
    OpenRun open(int maxSyncTimeSeconds, int batchSize) throws Exception {
        JobContextStub job = new JobContextStub(nextExecutionId++);
        SyncJobListener listener = new SyncJobListener();
        listener.jobContext = job;
        listener.lifecycle = lifecycle;
        listener.maxSyncTime = Integer.toString(maxSyncTimeSeconds);
        listener.batchSize = Integer.toString(batchSize);
        listener.trigger = "test";
        listener.beforeJob();
        return new OpenRun(job, listener, SyncRun.of(job));
    }

    /** A run between its steps, as the batch runtime would hold it. */
    final class OpenRun {
        private final JobContextStub job;
        private final SyncJobListener listener;
        private final SyncRun run;
        private boolean failed;

        private OpenRun(JobContextStub job, SyncJobListener listener, SyncRun run) {
            this.job = job;
            this.listener = listener;
            this.run = run;
        }

        /** The preparation step; a failure is the run's, as the runtime records it. */
        void prepare() {
            try {
                PrepareRun prepare = new PrepareRun();
                prepare.jobContext = job;
                prepare.executor = managed(executor);
                prepare.process();
            } catch (Exception e) {
                run.failed(e);
                failed = true;
            } finally {
                run.stepEnded();
            }
        }

        PassTimes passTimes() {
            return run.passTimes();
        }

        /** The chunk step (unless the preparation failed) and the run's close. */
        RunEnd finish(Consumer<Object> beforeEachWrite) throws Exception {
            return finish(new ItemHooks(item -> { }, item -> { }, beforeEachWrite));
        }

        RunEnd finish(ItemHooks hooks) throws Exception {
            try {
                if (!failed) {
                    chunkStep(job, hooks);
                }
            } catch (ProcessorFailure notInTheStepContext) {
                // The step ends failed, but nothing tells the run why.
            } catch (Exception e) {
                run.failed(e);
            } finally {
                run.stepEnded();
            }
            listener.afterJob();
            RunLogEntry entry = new RunLog(database).byExecution(lifecycle.thisNode.name(), run.executionId(), 0)
                    .orElseThrow();
            return new RunEnd(RunOutcome.valueOf(job.getExitStatus()), entry.message());
        }
    }

    private void chunkStep(JobContextStub job, ItemHooks hooks) throws Exception {
        CompanyPassReader reader = new CompanyPassReader();
        reader.jobContext = job;
        PageDeriver processor = new PageDeriver();
        processor.jobContext = job;
        processor.executor = managed(executor);
        ReportingRowWriter writer = new ReportingRowWriter();
        writer.jobContext = job;
        writer.metrics = lifecycle.metrics;
        writer.executor = managed(executor);
        reader.open(null);
        writer.open(null);
        // Bounded like the reader.
        for (int item = 0; item < 1_000_000; item++) {
            Object read = reader.readItem();
            if (read == null) {
                break;
            }
            Object processed;
            hooks.beforeProcess().accept(read);
            try {
                processed = processor.processItem(read);
            } catch (Exception e) {
                throw new ProcessorFailure(e);
            } finally {
                hooks.afterProcess().accept(read);
            }
            hooks.beforeWrite().accept(processed);
            writer.writeItems(List.of(processed));
            reader.checkpointInfo();
        }
        reader.close();
        writer.close();
    }

    /** The executor as the container would inject it; only its ExecutorService methods are used. */
    private static ManagedExecutorService managed(ExecutorService executor) {
        return (ManagedExecutorService) Proxy.newProxyInstance(SyncHarness.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, arguments) -> {
                    try {
                        return method.invoke(executor, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
