package alx.reportapi.lock;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deadlocks and lost connections are retried briefly with growing pauses, then reported; nothing else is. */
class RetryPolicyTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(25), pauses::add);

    @Test
    void aDeadlockIsRetriedAndTheAttemptThatSucceedsIsReturned() {
        AtomicInteger attempts = new AtomicInteger();
        String result = policy.run("take the sync lock", "[t] ", () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new SQLException("Deadlock found", "40001", 1213);
            }
            return "taken";
        });
        assertEquals("taken", result);
        assertEquals(3, attempts.get());
        assertEquals(2, pauses.size());
        assertTrue(pauses.get(1).compareTo(pauses.get(0)) > 0 || pauses.get(1).toMillis() >= 50, pauses.toString());
    }

    @Test
    void aLostConnectionIsRetriedThenReportedWithTheCause() {
        AtomicInteger attempts = new AtomicInteger();
        SyncLockException reported = assertThrows(SyncLockException.class, () -> policy.run("heartbeat the sync lock",
                "[t] ", () -> {
                    attempts.incrementAndGet();
                    throw new SQLNonTransientConnectionException("Communications link failure", "08S01");
                }));
        assertEquals(5, attempts.get());
        assertEquals(4, pauses.size());
        assertTrue(reported.getMessage().contains("after 5 attempts"), reported.getMessage());
        assertTrue(reported.getCause() instanceof SQLNonTransientConnectionException);
    }

    @Test
    void anyOtherErrorIsReportedAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(SyncLockException.class, () -> policy.run("take the sync lock", "[t] ", () -> {
            attempts.incrementAndGet();
            throw new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000", 1064);
        }));
        assertEquals(1, attempts.get());
        assertTrue(pauses.isEmpty());
    }
}
