package alx.reportapi.reporting;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue chooses with the database's clock, and a started pass counts as this run's attempt. */
class CompanyQueueMariaDbTest {

    private static final long RUN = 7;

    private TestDatabase testDatabase;
    private Database database;
    private CompanyQueue queue;

    @BeforeEach
    void setUp() throws SQLException {
        testDatabase = TestDatabase.create("queue");
        database = testDatabase.database();
        SchemaMigrator migrator = new SchemaMigrator(testDatabase.dataSource(), database.prefix());
        migrator.createMoodleSubset();
        migrator.migratePluginTables();
        queue = new CompanyQueue(database);
        execute("INSERT INTO {company} (id, name) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        try (Connection connection = database.connect()) {
            queue.enrolNewCompanies(connection, DatabaseClock.now(connection), 30);
        }
    }

    @AfterEach
    void tearDown() {
        testDatabase.close();
    }

    @Test
    void theNextCompanyComesWithTheDatabaseClockItWasChosenBy() throws SQLException {
        try (Connection connection = database.connect()) {
            long before = DatabaseClock.now(connection);
            DueCompany due = queue.next(connection, RUN, 30).orElseThrow();
            long after = DatabaseClock.now(connection);
            assertEquals(1, due.state().companyId());
            assertTrue(due.chosenAt() >= before && due.chosenAt() <= after, due.chosenAt() + " not in [" + before
                    + ", " + after + "]");
        }
    }

    @Test
    void aCompanyWaitingForItsRetryIsPassedOverUntilItsTimeByTheDatabaseClock() throws SQLException {
        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = UNIX_TIMESTAMP() + 3600 WHERE companyid = 1");
        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = UNIX_TIMESTAMP() - 1 WHERE companyid = 2");
        try (Connection connection = database.connect()) {
            assertEquals(2, queue.next(connection, RUN, 30).orElseThrow().state().companyId());
        }
    }

    @Test
    void aStartedPassMarksTheRunsAttemptSoTheRunMovesOnToTheNextCompany() throws SQLException {
        try (Connection connection = database.connect()) {
            DueCompany first = queue.next(connection, RUN, 30).orElseThrow();
            queue.startPass(connection, 1, RUN, "full", first.chosenAt() - 5, first.chosenAt(), 30);
            CompanySyncState started = queue.get(connection, 1, 30).orElseThrow();
            assertTrue(started.passInProgress());
            assertEquals(first.chosenAt() - 5, started.passStartedAt());
            assertEquals("full", started.passMode());

            DueCompany second = queue.next(connection, RUN, 30).orElseThrow();
            assertEquals(2, second.state().companyId(), "the run already attempted company 1");
            queue.markAttempt(connection, 2, RUN, second.chosenAt(), 30);
            assertEquals(3, queue.next(connection, RUN, 30).orElseThrow().state().companyId());
            queue.markAttempt(connection, 3, RUN, second.chosenAt(), 30);
            assertEquals(Optional.empty(), queue.next(connection, RUN, 30));
            assertEquals(1, queue.next(connection, RUN + 1, 30).orElseThrow().state().companyId(),
                    "the next run serves the pass in progress first");
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute(database.sql(template));
        }
    }
}
