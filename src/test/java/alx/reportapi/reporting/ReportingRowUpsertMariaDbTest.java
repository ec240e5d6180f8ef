package alx.reportapi.reporting;

import alx.reportapi.db.Session;
import alx.reportapi.moodle.ReportingRow;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An upsert moves {@code last_updated}, which the change feed pages on (README, Behavior 25), only
 * for news, and every change of a value is news: a name whose letters change case alone, or that
 * gains a trailing space, though MariaDB's collation compares such texts equal.
 */
class ReportingRowUpsertMariaDbTest {

    private static final long COMPANY = 1;

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("upsert");

    @Test
    void aLastnameWhoseLettersChangeCaseAloneMovesLastUpdated() throws SQLException {
        assertNews(row("mcdonald", "Safety 1"), row("McDonald", "Safety 1"), "McDonald|Safety 1");
    }

    @Test
    void aCoursenameThatGainsATrailingSpaceMovesLastUpdated() throws SQLException {
        assertNews(row("Okafor", "Safety 1"), row("Okafor", "Safety 1 "), "Okafor|Safety 1 ");
    }

    @Test
    void theSameRowAgainLeavesLastUpdated() throws SQLException {
        upsert(row("McDonald", "Safety 1"));
        forgetLastUpdated();
        upsert(row("McDonald", "Safety 1"));
        assertEquals(0L, lastUpdated(), "a row derived again but unchanged is no news");
    }

    /** {@code after} upserted over {@code before} is stored as it is and moves {@code last_updated}. */
    private void assertNews(ReportingRow before, ReportingRow after, String stored) throws SQLException {
        upsert(before);
        forgetLastUpdated();
        upsert(after);
        assertEquals(List.of(stored), stored());
        assertNotEquals(0L, lastUpdated(), "the new spelling is news to an incremental client");
    }

    private static ReportingRow row(String lastname, String coursename) {
        return new ReportingRow(7, 10, "Ann", lastname, "ann@example.com", "ann", coursename, 0, 1_700_000_000L,
                new BigDecimal("50.00"), "in_progress");
    }

    private void upsert(ReportingRow row) throws SQLException {
        try (Connection connection = mariaDb.database().connect()) {
            new ReportingRowStore().upsert(Session.of(mariaDb.database(), connection, 30), COMPANY, List.of(row));
        }
    }

    /** As if the row had been written long ago: an upsert in the same second stamps the same time. */
    private void forgetLastUpdated() throws SQLException {
        Session.autoCommit(mariaDb.database(), 30,
                session -> session.update("UPDATE {local_alx_api_reporting} SET last_updated = 0"));
    }

    private long lastUpdated() throws SQLException {
        return Session.autoCommit(mariaDb.database(), 30,
                session -> session.number("SELECT last_updated FROM {local_alx_api_reporting}"));
    }

    private List<String> stored() throws SQLException {
        return Session.autoCommit(mariaDb.database(), 30, session -> session.list(
                "SELECT lastname, coursename FROM {local_alx_api_reporting}",
                rs -> rs.getString(1) + "|" + rs.getString(2)));
    }
}
