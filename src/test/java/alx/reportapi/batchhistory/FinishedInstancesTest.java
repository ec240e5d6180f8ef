package alx.reportapi.batchhistory;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The listing through a fake JobOperator that, like both runtimes, lists the newest instance first. */
class FinishedInstancesTest {

    private static final Instant CUTOFF = Instant.parse("2026-11-01T00:00:00Z");
    private static final String JOB = "SyncReportingDataJob";

    /** Instance i (1 = oldest) has one execution i with the given status, ended i minutes after a base. */
    private static final class FakeRuntime {
        final List<Long> newestFirst = new ArrayList<>();
        final Map<Long, BatchStatus> statuses = new java.util.HashMap<>();
        final Map<Long, Instant> ends = new java.util.HashMap<>();
        final AtomicInteger pagesListed = new AtomicInteger();

        void add(long id, BatchStatus status, Instant end) {
            newestFirst.add(0, id);
            statuses.put(id, status);
            ends.put(id, end);
        }

        JobOperator operator() {
            return (JobOperator) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JobOperator.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getJobInstanceCount" -> {
                            if (newestFirst.isEmpty()) {
                                throw new NoSuchJobException(JOB);
                            }
                            yield newestFirst.size();
                        }
                        case "getJobInstances" -> {
                            pagesListed.incrementAndGet();
                            int start = (Integer) args[1];
                            int count = (Integer) args[2];
                            yield newestFirst.subList(start, Math.min(newestFirst.size(), start + count)).stream()
                                    .map(FakeRuntime::instance).toList();
                        }
                        case "getJobExecutions" -> List.of(execution(((JobInstance) args[0]).getInstanceId()));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private static JobInstance instance(long id) {
            return (JobInstance) Proxy.newProxyInstance(FakeRuntime.class.getClassLoader(),
                    new Class<?>[] {JobInstance.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getInstanceId" -> id;
                        case "getJobName" -> JOB;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        private JobExecution execution(long id) {
            return (JobExecution) Proxy.newProxyInstance(FakeRuntime.class.getClassLoader(),
                    new Class<?>[] {JobExecution.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getExecutionId" -> id;
                        case "getBatchStatus" -> statuses.get(id);
                        case "getEndTime" -> ends.get(id) == null ? null : Date.from(ends.get(id));
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void onlyFinishedInstancesEndedBeforeTheCutoffAreChosen() {
        FakeRuntime runtime = new FakeRuntime();
        runtime.add(1, BatchStatus.COMPLETED, CUTOFF.minusSeconds(7200));
        runtime.add(2, BatchStatus.STARTED, null);
        runtime.add(3, BatchStatus.FAILED, CUTOFF.minusSeconds(60));
        runtime.add(4, BatchStatus.STOPPING, null);
        runtime.add(5, BatchStatus.COMPLETED, CUTOFF.plusSeconds(60));
        List<PurgeCandidate> chosen = new FinishedInstances(runtime.operator()).before(JOB, CUTOFF);
        assertEquals(List.of(1L, 3L), chosen.stream().map(PurgeCandidate::instanceId).sorted().toList());
        assertEquals(List.of(3L), chosen.stream().filter(c -> c.instanceId() == 3).findFirst().orElseThrow()
                .executionIds());
    }

    @Test
    void aJobWithoutInstancesPurgesNothing() {
        assertEquals(List.of(), new FinishedInstances(new FakeRuntime().operator()).before(JOB, CUTOFF));
    }

    @Test
    void oneCallTakesAtMostTheBoundAndTheOldestFirst() {
        FakeRuntime runtime = new FakeRuntime();
        int total = FinishedInstances.MAX_INSTANCES_PER_PURGE + 3 * FinishedInstances.PAGE_SIZE;
        for (long id = 1; id <= total; id++) {
            runtime.add(id, BatchStatus.COMPLETED, CUTOFF.minusSeconds(100_000 - id));
        }
        List<PurgeCandidate> chosen = new FinishedInstances(runtime.operator()).before(JOB, CUTOFF);
        assertEquals(FinishedInstances.MAX_INSTANCES_PER_PURGE, chosen.size());
        assertEquals(FinishedInstances.MAX_INSTANCES_PER_PURGE,
                chosen.stream().mapToLong(PurgeCandidate::instanceId).max().orElseThrow(), "the oldest ones");
    }

    @Test
    void theListingIsBoundedWhenNothingQualifies() {
        FakeRuntime runtime = new FakeRuntime();
        int total = (FinishedInstances.MAX_PAGES_PER_PURGE + 5) * FinishedInstances.PAGE_SIZE;
        for (long id = 1; id <= total; id++) {
            runtime.add(id, BatchStatus.COMPLETED, CUTOFF.plusSeconds(id));
        }
        assertTrue(new FinishedInstances(runtime.operator()).before(JOB, CUTOFF).isEmpty());
        assertEquals(FinishedInstances.MAX_PAGES_PER_PURGE, runtime.pagesListed.get());
    }
}
