package alx.reportapi.report;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.db.TablePrefix;
import alx.reportapi.testing.TestDatabase;
import alx.reportapi.testing.TestSchemas;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Report API tokens persisted with JPA and EclipseLink under a site's own table prefix: issued once
 * in full, stored only as a hash, refused when tampered, revoked or expired.
 */
class ReportTokensMariaDbTest {

    private static final long NOW = 1_800_000_000L;
    private TestDatabase testDatabase;
    private ReportPersistence persistence;
    private Database database;
    private ReportTokens tokens;

    @BeforeEach
    void schema() throws SQLException {
        testDatabase = TestDatabase.create("reporttokens");
        database = testDatabase.database(new TablePrefix("lms_"));
        TestSchemas.moodleSubsetAndPluginTables(database);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO lms_company (id, name, shortname) VALUES (1, 'One', 'one'), (2, 'Two', 'two')");
        }
        persistence = new ReportPersistence(database);
        tokens = new ReportTokens(database, persistence);
    }

    @AfterEach
    void drop() {
        persistence.close();
        testDatabase.close();
    }

    @Test
    void anIssuedTokenIsAdmittedForItsCompanyAndOnlyItsHashIsStored() throws SQLException {
        IssuedToken issued = tokens.issue(1, "Power BI finance", null, "admin", NOW);
        assertTrue(issued.secretText().matches("alx_[a-z0-9]{8}_[A-Za-z0-9_-]{43}"), issued.secretText());
        TokenCheck check = check(issued.secretText(), NOW + 5, "10.0.0.7");
        assertTrue(check.admitted());
        assertEquals(1, check.token().companyId());
        try (Connection connection = testDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT secret_hash, last_used_at, last_used_ip, label"
                     + " FROM lms_local_alx_api_report_tokens")) {
            assertTrue(rs.next());
            String secret = issued.secretText().substring(13);
            assertEquals(ReportTokens.sha256(secret), rs.getString(1));
            assertFalse(rs.getString(1).contains(secret));
            assertEquals(NOW + 5, rs.getLong(2));
            assertEquals("10.0.0.7", rs.getString(3));
            assertEquals("Power BI finance", rs.getString(4));
        }
        check(issued.secretText(), NOW + 6, "10.0.0.7");
        assertEquals(NOW + 5, lastUsedAt(), "a token used again within the minute is not written again");
        check(issued.secretText(), NOW + 65, "10.0.0.7");
        assertEquals(NOW + 65, lastUsedAt(), "a token used a minute later records its use again");
        assertEquals(1, tokens.list(Optional.of(1L)).size());
        assertEquals(0, tokens.list(Optional.of(2L)).size());
    }

    @Test
    void tamperedRevokedAndExpiredTokensAreRefused() throws SQLException {
        IssuedToken issued = tokens.issue(1, "ETL", NOW + 100, "admin", NOW);
        String text = issued.secretText();
        char last = text.charAt(text.length() - 1);
        String tampered = text.substring(0, text.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals("invalid_token", check(tampered, NOW, null).refusal());
        assertEquals("invalid_token", check("alx_nothere0_" + text.substring(13), NOW, null).refusal());
        assertEquals("invalid_token", check("Bearer " + text, NOW, null).refusal());
        assertEquals("token_expired", check(text, NOW + 100, null).refusal());
        assertTrue(check(text, NOW + 99, null).admitted());
        assertTrue(tokens.revoke(issued.token().id(), NOW + 1, "admin").isPresent());
        assertEquals("invalid_token", check(text, NOW + 2, null).refusal());
        assertTrue(tokens.revoke(999, NOW, "admin").isEmpty());
    }

    private TokenCheck check(String presented, long now, String clientIp) throws SQLException {
        return Session.autoCommit(database, 10, session -> tokens.check(session, presented, now, clientIp));
    }

    private long lastUsedAt() throws SQLException {
        return testDatabase.count("SELECT last_used_at FROM lms_local_alx_api_report_tokens");
    }

    @Test
    void badIssueRequestsAreRefusedAndStoreNothing() {
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(1, " ", null, "admin", NOW));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(1, "x".repeat(256), null, "admin", NOW));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(1, "past", NOW, "admin", NOW));
        assertThrows(IllegalArgumentException.class, () -> tokens.issue(99, "nobody", null, "admin", NOW));
        assertEquals(0, tokens.list(Optional.empty()).size());
    }
}
