package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.db.Transaction;
import alx.reportapi.moodle.Pair;
import alx.reportapi.moodle.TimedChanges;
import alx.reportapi.reporting.CompanyQueue;
import alx.reportapi.reporting.CompanySyncState;
import alx.reportapi.reporting.SyncStatusStore;
import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.H2TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A company's pass on H2: a first pass is full, its completion moves the cursor to when its
 * detection began less the overlap, the next is incremental; a failure abandons the pass, and the
 * company is retried, then parked.
 */
class CompanyPassH2Test {

    private static final long COMPANY = 1;
    private static final long RUN = 5;

    private H2TestDatabase h2;
    private Database database;
    private final CompanyPass pass = new CompanyPass(ChangeDetectionSettings.DEFAULTS);
    private final CompanyQueue queue = new CompanyQueue();

    @BeforeEach
    void setUp() throws SQLException {
        h2 = new H2TestDatabase("companypass");
        database = h2.database();
        GeneratedMoodle.load(database, 5, 0.02);
        TestSchemas.pluginTables(database);
        inTransaction(session -> {
            queue.enrolNewCompanies(session);
            return null;
        });
    }

    @AfterEach
    void close() throws SQLException {
        h2.close();
    }

    @Test
    void theFirstPassIsFullAndItsCompletionMovesTheCursorToItsStartLessTheOverlap() throws SQLException {
        Pass first = inTransaction(session -> pass.start(session, state(session), RUN, Optional.empty()));
        assertEquals(Pass.FULL, first.mode());
        PairPage page = inTransaction(session -> pass.page(session, COMPANY, Pair.START, 1_000_000));
        assertTrue(page.lastOfCompany() && !page.pairs().isEmpty(), "every qualifying pair is pending");
        CompanySyncState inProgress = inTransaction(this::state);
        assertTrue(inProgress.passInProgress());
        assertEquals(Optional.of(first), inTransaction(session -> pass.inProgress(session, COMPANY)),
                "the queue row describes the pass completely");

        inTransaction(session -> {
            pass.complete(session, first.finished(page.pairs().size(), true));
            return null;
        });
        assertEquals(Optional.of(first.startedAt() - ChangeDetectionSettings.DEFAULTS.overlapSeconds()),
                inTransaction(session -> new SyncStatusStore().cursor(session, COMPANY)));
        assertFalse(inTransaction(this::state).passInProgress());
        assertEquals(0L, (long) inTransaction(session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_pending_pairs} WHERE companyid = ?", COMPANY)));

        Optional<TimedChanges> collected = inTransaction(TimedChanges::collect);
        Pass second = inTransaction(session -> pass.start(session, state(session), RUN + 1, collected));
        assertEquals(Pass.INCREMENTAL, second.mode());
    }

    @Test
    void aFailingCompanyIsRetriedThreeTimesThenParked() throws SQLException {
        inTransaction(session -> pass.start(session, state(session), RUN, Optional.empty()));
        for (int failure = 1; failure <= CompanyQueue.MAX_RETRIES + 1; failure++) {
            boolean parked = inTransaction(session -> pass.fail(session, COMPANY, "injected"));
            assertEquals(failure > CompanyQueue.MAX_RETRIES, parked, "failure " + failure);
            CompanySyncState state = inTransaction(this::state);
            assertFalse(state.passInProgress(), "a failure abandons the pass");
            assertEquals(failure, state.retryCount());
        }
        assertTrue(inTransaction(session -> queue.due(session, RUN + 1, 10)).stream()
                .noneMatch(due -> due.companyId() == COMPANY), "a parked company is not due");
    }

    private CompanySyncState state(Session session) throws SQLException {
        return queue.get(session, COMPANY).orElseThrow();
    }

    private <T> T inTransaction(Session.Work<T> work) throws SQLException {
        return Transaction.run(database, 30, work);
    }
}
