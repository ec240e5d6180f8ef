package alx.reportapi.observe;

import alx.reportapi.db.Session;
import alx.reportapi.report.ReportPersistence;
import alx.reportapi.report.ReportServices;
import alx.reportapi.report.RequestLog;
import alx.reportapi.testing.MigratedMariaDb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Answered requests reach the request log off the request's thread, and none is lost: those the
 * bounded queue cannot hold are written by their own request, the queued ones by the writer.
 */
class AnsweredRequestsMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("answered");

    private ReportPersistence persistence;
    private final List<Runnable> heldTasks = new ArrayList<>();
    private final AnsweredRequests answered = new AnsweredRequests();

    @BeforeEach
    void schema() {
        persistence = new ReportPersistence(mariaDb.database());
        answered.metrics = new ReportApiMetrics(new SimpleMeterRegistry());
        answered.services = new ReportServices() {
            @Override
            public RequestLog requestLog() {
                return new RequestLog(mariaDb.database(), persistence);
            }
        };
        // An executor that keeps the writer's tasks until the test runs them.
        answered.executor = (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, arguments) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    heldTasks.add((Runnable) arguments[0]);
                    return null;
                });
    }

    @AfterEach
    void drop() {
        persistence.close();
    }

    @Test
    void everyAnsweredRequestIsLoggedThoseBeyondTheQueueByTheirOwnRequest() throws SQLException {
        int overflow = 3;
        for (int i = 0; i < AnsweredRequests.MAX_PENDING + overflow; i++) {
            answered.answered(new AnsweredRequest("request-" + i, ReportApiMetrics.Endpoint.SNAPSHOT,
                    "course-progress", 200, ReportApiMetrics.Outcome.SUCCESS, null, null, 7L, 1L, 1000, "10.0.0.1"),
                    System.nanoTime());
        }
        assertEquals(overflow, logged(), "only the requests the full queue turned away wrote their own entry");
        assertEquals(1, heldTasks.size(), "one writer at a time");

        for (int round = 0; round < 10 && !heldTasks.isEmpty(); round++) {
            heldTasks.remove(0).run();
        }
        assertEquals(List.of(), heldTasks);
        assertEquals(AnsweredRequests.MAX_PENDING + overflow, logged());
        assertEquals(AnsweredRequests.MAX_PENDING + overflow, (long) Session.autoCommit(mariaDb.database(), 10,
                session -> session.number("SELECT COUNT(DISTINCT request_id) FROM {local_alx_api_request_log}")));
    }

    private long logged() throws SQLException {
        return Session.autoCommit(mariaDb.database(), 10, session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_request_log}"));
    }
}
