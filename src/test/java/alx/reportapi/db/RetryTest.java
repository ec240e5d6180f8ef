package alx.reportapi.db;

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

/** Deadlocks and lost connections are retried briefly with growing pauses, then thrown; nothing else is retried. */
class RetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Retry policy = new Retry(5, Duration.ofMillis(25), pauses::add);

    @Test
    void aDeadlockIsRetriedAndTheAttemptThatSucceedsIsReturned() throws SQLException {
        AtomicInteger attempts = new AtomicInteger();
        String result = policy.run("take the sync lock", () -> {
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
    void aLostConnectionIsRetriedThenTheLastFailureIsThrown() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException reported = assertThrows(SQLException.class, () -> policy.run("write a page", () -> {
            attempts.incrementAndGet();
            throw new SQLNonTransientConnectionException("Communications link failure " + attempts.get(), "08S01");
        }));
        assertEquals(5, attempts.get());
        assertEquals(4, pauses.size());
        assertEquals("Communications link failure 5", reported.getMessage());
        assertTrue(SqlFailures.isConnectionFailure(reported));
    }

    @Test
    void noConnectionFromThePoolIsReportedAtOnceAsALostConnection() {
        AtomicInteger attempts = new AtomicInteger();
        SQLException reported = assertThrows(NoConnectionException.class, () -> policy.run("heartbeat the lock", () -> {
            attempts.incrementAndGet();
            throw new NoConnectionException(new SQLException(
                    "local_alx_report_api - Connection is not available, request timed out after 10000ms", "08S01"));
        }));
        assertEquals(1, attempts.get());
        assertTrue(pauses.isEmpty());
        assertTrue(SqlFailures.isConnectionFailure(reported));
        assertTrue(SqlFailures.isTransient(reported));
    }

    @Test
    void anyOtherErrorIsReportedAtOnce() {
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(SQLSyntaxErrorException.class, () -> policy.run("take the sync lock", () -> {
            attempts.incrementAndGet();
            throw new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000", 1064);
        }));
        assertEquals(1, attempts.get());
        assertTrue(pauses.isEmpty());
    }
}
