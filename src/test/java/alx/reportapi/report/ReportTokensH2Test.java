package alx.reportapi.report;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.testing.H2TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report API's JPA unit on the demo's database, H2 in MySQL mode: tokens and the request log. */
class ReportTokensH2Test {

    @Test
    void tokensAndTheRequestLogPersistOnTheDemoDatabase() throws Exception {
        try (H2TestDatabase h2 = new H2TestDatabase("reporttokens")) {
            Database database = h2.database();
            TestSchemas.moodleSubsetAndPluginTables(database);
            Session.autoCommit(database, 10, session -> session.update(
                    "INSERT INTO {company} (id, name, shortname) VALUES (1, 'One', 'one')"));
            try (ReportPersistence persistence = new ReportPersistence(database)) {
                ReportTokens tokens = new ReportTokens(database, persistence);
                IssuedToken issued = tokens.issue(1, "demo", null, "admin", 1000);
                assertTrue(issued.token().id() > 0, "the generated id is read back");
                assertTrue(Session.autoCommit(database, 10, session -> tokens.check(session,
                        issued.secretText(), 1001, "127.0.0.1")).admitted());
                assertEquals(1, tokens.list(Optional.of(1L)).size());
                RequestLog log = new RequestLog(database, persistence);
                log.record(List.of(new RequestLogEntry("r", issued.token().id(), 1L, "whoami", 200, null, 0, 1, "::1",
                        1001)));
                assertEquals(1, log.recent(1, 5).size());
                assertEquals(1, log.purge(2000));
            }
        }
    }
}
