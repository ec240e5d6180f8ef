package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.testing.ReportingHistory;
import alx.reportapi.testing.ReportingOracle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Companies' passes start in lanes side by side, each lane in transactions of its own (README,
 * Behavior 6), on MariaDB: a company that throws in the second lane holds back no company of
 * either lane, and its rows are written once it stops failing.
 */
class StartLanesMariaDbTest {

    /** Every company's full pass fits one page, so every company starts and completes in a lane. */
    private static final int ONE_PAGE = 100_000;

    /**
     * Forty times what this site's run takes: a lane that neither writes nor records its failing
     * company hands the same companies out again and again, and its run ends at this budget, not
     * after its reader's bound on items.
     */
    private static final int BUDGET_SECONDS = 120;

    private HarnessedSite site;
    private Database database;
    private SyncHarness harness;

    @BeforeEach
    void site() throws Exception {
        site = HarnessedSite.onMariaDb("lanes", 23, 0.4);
        database = site.database();
        harness = site.harness();
    }

    @AfterEach
    void close() throws Exception {
        site.close();
    }

    @Test
    void aCompanyThatThrowsInTheSecondLaneHoldsBackNoOtherCompanyAndIsWrittenOnceItStopsFailing() throws Exception {
        List<Long> companies = Session.autoCommit(database, 10,
                session -> session.list("SELECT id FROM {company} ORDER BY id", rs -> rs.getLong(1)));
        assertTrue(companies.size() >= 2 * ReportingRowWriter.START_LANES,
                "two companies in each lane at least: " + companies);
        // New companies are due in id order and dealt in turn: the second goes to the second lane.
        long failing = companies.get(1);
        execute("CREATE TRIGGER {alx_lanes_fail} BEFORE INSERT ON {local_alx_api_reporting} FOR EACH ROW"
                + " BEGIN IF NEW.companyid = " + failing + " THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'injected failure for company " + failing + "';"
                + " END IF; END");
        RunEnd withFailure;
        try {
            withFailure = harness.run(BUDGET_SECONDS, ONE_PAGE);
        } finally {
            execute("DROP TRIGGER IF EXISTS {alx_lanes_fail}");
        }
        assertEquals(RunOutcome.COMPLETED, withFailure.outcome(), withFailure.message());
        assertTrue(withFailure.message().contains((companies.size() - 1) + " companies synced, 1 failed"),
                withFailure.message());
        Map<Long, Integer> expected = expectedRowsPerCompany();
        Map<Long, Integer> live = liveRowsPerCompany();
        for (long company : companies) {
            int rows = company == failing ? 0 : expected.getOrDefault(company, 0);
            assertEquals(rows, live.getOrDefault(company, 0), "live rows of company " + company
                    + " after a run in which company " + failing + " failed");
        }

        execute("UPDATE {local_alx_api_company_sync} SET next_attempt_at = 0 WHERE companyid = " + failing);
        RunEnd retried = harness.run(BUDGET_SECONDS, ONE_PAGE);
        assertEquals(RunOutcome.COMPLETED, retried.outcome(), retried.message());
        assertEquals("", ReportingOracle.differences(database, new ReportingHistory()));
    }

    private Map<Long, Integer> expectedRowsPerCompany() throws SQLException {
        Map<Long, Integer> rows = new HashMap<>();
        for (String row : ReportingOracle.expectedRows(database)) {
            rows.merge(Long.parseLong(row.substring(0, row.indexOf('|'))), 1, Integer::sum);
        }
        return rows;
    }

    private Map<Long, Integer> liveRowsPerCompany() throws SQLException {
        Map<Long, Integer> rows = new HashMap<>();
        Session.autoCommit(database, 10, session -> session.list("SELECT companyid, COUNT(*)"
                + " FROM {local_alx_api_reporting} WHERE is_deleted = 0 GROUP BY companyid",
                rs -> rows.put(rs.getLong(1), rs.getInt(2))));
        return rows;
    }

    private void execute(String sql) throws SQLException {
        Session.autoCommit(database, 10, session -> session.update(sql));
    }
}
