package alx.reportapi.reporting;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue chooses with the database's clock, a started pass counts as this run's attempt, and
 * the run finds the pass it took on.
 */
class CompanyQueueMariaDbTest {

    private static final long RUN = 7;

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("queue");

    private final CompanyQueue queue = new CompanyQueue();

    @BeforeEach
    void setUp() throws SQLException {
        execute("INSERT INTO {company} (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        Session.autoCommit(mariaDb.database(), 30, session -> {
            queue.enrolNewCompanies(session);
            return null;
        });
    }

    @Test
    void aCompanyWaitingForItsRetryIsPassedOverUntilItsTimeByTheDatabaseClock() throws SQLException {
        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = UNIX_TIMESTAMP() + 3600 WHERE companyid = 1");
        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = UNIX_TIMESTAMP() - 1 WHERE companyid = 2");
        assertEquals(List.of(2L, 3L), dueIds(RUN));
    }

    @Test
    void aStartedPassMarksTheRunsAttemptSoTheRunMovesOnToTheNextCompanies() throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            Session session = Session.of(mariaDb.database(), connection, 30);
            assertEquals(List.of(1L, 2L, 3L), dueIds(RUN));
            queue.startPass(session, 1, RUN, "full", session.now() - 5);
            CompanySyncState started = queue.get(session, 1).orElseThrow();
            assertTrue(started.passInProgress());
            assertEquals(session.now() - 5, started.passStartedAt());
            assertEquals("full", started.passMode());

            assertEquals(List.of(2L, 3L), dueIds(RUN), "the run already attempted company 1");
            assertEquals(Optional.of(1L), queue.passOfRun(session, RUN, -1).map(CompanySyncState::companyId),
                    "the run finds the pass it took on");
            assertEquals(Optional.empty(), queue.passOfRun(session, RUN, 1), "and none other");
            queue.claim(session, 2, RUN);
            queue.claim(session, 3, RUN);
            assertEquals(List.of(), dueIds(RUN));
            assertEquals(List.of(1L, 2L, 3L), dueIds(RUN + 1), "the next run serves the pass in progress first");

            queue.complete(session, 1);
            assertEquals(Optional.empty(), queue.passOfRun(session, RUN, -1), "a completed pass is no longer paged");
        }
    }

    private List<Long> dueIds(long run) throws SQLException {
        return Session.autoCommit(mariaDb.database(), 30, session -> queue.due(session, run, 10).stream()
                .map(CompanySyncState::companyId).toList());
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(mariaDb.database().sql(template));
        }
    }
}
