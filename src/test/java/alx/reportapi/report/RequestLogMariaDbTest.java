package alx.reportapi.report;

import alx.reportapi.db.Session;
import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The request log: entries written in their order, read per company, and purged by age only. */
class RequestLogMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("requestlog");

    private ReportPersistence persistence;

    @BeforeEach
    void schema() {
        persistence = new ReportPersistence(mariaDb.database());
    }

    @AfterEach
    void drop() {
        persistence.close();
    }

    @Test
    void entriesOlderThanTheCutOffArePurgedAndTheRestKept() throws SQLException {
        RequestLog log = new RequestLog(mariaDb.database(), persistence);
        log.record(List.of(new RequestLogEntry("r1", 7L, 1L, "course-progress", 200, null, 1000, 12, "10.0.0.1", 100),
                new RequestLogEntry("r2", 7L, 1L, "whoami", 200, null, 0, 3, "10.0.0.1", 200)));
        log.record(List.of(new RequestLogEntry("r3", null, null, "whoami", 401, "invalid_token", 0, 1, "10.0.0.2",
                300)));
        log.record(List.of(new RequestLogEntry("r4", 8L, 2L, "course-progress/changes", 429, "rate_limited", 0, 2,
                "::1", 400)));
        List<RequestLogEntry> company = log.recent(1, 10);
        assertEquals(List.of("whoami", "course-progress"), company.stream().map(RequestLogEntry::endpoint).toList());
        assertEquals(1000, company.get(1).rowsReturned());

        assertEquals(2, log.purge(300));
        assertEquals(List.of(), log.recent(1, 10));
        assertEquals(2L, (long) Session.autoCommit(mariaDb.database(), 10, session -> session.number(
                "SELECT COUNT(*) FROM {local_alx_api_request_log} WHERE timecreated >= 300")));
        assertEquals("rate_limited", log.recent(2, 10).get(0).errorCode());
    }
}
