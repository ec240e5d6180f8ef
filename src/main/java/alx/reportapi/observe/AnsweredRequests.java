package alx.reportapi.observe;

import alx.reportapi.Plugin;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.RequestLogEntry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records what became of a report API request, for both doors (README, Behaviors 18 and 24): an
 * answered one in the report API's metrics at once and in the request log soon after, one the server
 * failed before it had an answer in the metrics as a server error.
 * <p>
 * Log entries are written off the request's thread, many to a transaction, by one writer at a time
 * that the first entry of a quiet spell starts; a request's answer never waits for its entry. The
 * queue is bounded: when it is full, the request writes its own entry, so none is lost and memory
 * stays bounded. The rate limits never read the log, so its delay changes no answer. The client
 * already has its answer, so an entry that cannot be written is a warning, never a failure.
 */
@ApplicationScoped
public class AnsweredRequests {

    private static final Logger LOG = Logger.getLogger(AnsweredRequests.class.getName());
    private static final int MAX_LOGGED_ENDPOINT_CHARS = 100;
    /** Entries waiting for the writer; about 200 bytes each. */
    static final int MAX_PENDING = 10_000;
    /** Entries per transaction: one commit for many requests, a short transaction all the same. */
    private static final int BATCH = 200;
    /** Transactions one writer task writes before it hands on to a new task, so no task runs forever. */
    private static final int BATCHES_PER_TASK = 50;

    private final BlockingQueue<RequestLogEntry> pending = new ArrayBlockingQueue<>(MAX_PENDING);
    private final AtomicBoolean writing = new AtomicBoolean();

    @Inject
    ReportApiMetrics metrics;

    @Inject
    ReportServices services;

    @Resource
    ManagedExecutorService executor;

    /** Records a request answered at the end of its body; {@code startedNanos} was {@link System#nanoTime()} on arrival. */
    public void answered(AnsweredRequest request, long startedNanos) {
        Duration took = since(startedNanos);
        metrics.answered(request.endpoint(), request.outcome(), request.errorCode(), request.refusedBy(),
                request.rows(), took);
        String endpoint = request.loggedEndpoint();
        RequestLogEntry entry = new RequestLogEntry(request.requestId(), request.tokenId(), request.companyId(),
                endpoint.length() <= MAX_LOGGED_ENDPOINT_CHARS ? endpoint
                        : endpoint.substring(0, MAX_LOGGED_ENDPOINT_CHARS), request.httpStatus(),
                request.errorCode(), request.rows(), (int) Math.min(Integer.MAX_VALUE, took.toMillis()),
                request.clientIp(), System.currentTimeMillis() / 1000);
        if (pending.offer(entry)) {
            startWriter();
        } else {
            write(List.of(entry));
        }
    }

    /** Counts a request the server failed without an answer of the API's own (the container answers it). */
    public void failed(ReportApiMetrics.Endpoint endpoint, String errorCode, long startedNanos) {
        metrics.answered(endpoint, ReportApiMetrics.Outcome.SERVER_ERROR, errorCode, null, 0, since(startedNanos));
    }

    /** Entries still waiting when the application stops are written before it goes. */
    @PreDestroy
    void writeWaitingEntries() {
        writeUpTo(MAX_PENDING / BATCH + 1);
    }

    private void startWriter() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::writeWaiting);
        } catch (RejectedExecutionException e) {
            // The server is stopping: whoever comes last writes what waits.
            writing.set(false);
            writeUpTo(MAX_PENDING / BATCH + 1);
        }
    }

    private void writeWaiting() {
        try {
            writeUpTo(BATCHES_PER_TASK);
        } finally {
            writing.set(false);
        }
        // An entry queued after the last batch was taken, while this writer was still marked running.
        if (!pending.isEmpty()) {
            startWriter();
        }
    }

    private void writeUpTo(int batches) {
        List<RequestLogEntry> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < batches && pending.drainTo(batch, BATCH) > 0; i++) {
            write(batch);
            batch.clear();
        }
    }

    private void write(List<RequestLogEntry> entries) {
        try {
            services.requestLog().record(entries);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + entries.size() + " report API request(s) were answered but not"
                    + " logged: " + entries.stream().map(RequestLogEntry::requestId).toList(), e);
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
