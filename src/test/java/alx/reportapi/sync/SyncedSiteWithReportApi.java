package alx.reportapi.sync;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import alx.reportapi.report.ReportPersistence;
import alx.reportapi.report.ReportTokens;
import alx.reportapi.report.ReportZone;
import alx.reportapi.report.SigningKey;
import alx.reportapi.settings.SettingsStore;
import alx.reportapi.v2.ApiAnswer;
import alx.reportapi.v2.ApiRequest;
import alx.reportapi.v2.ReportApi;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A small generated site on MariaDB, synced in full by the real sync, with the report API over it
 * and a token of one company, rate limits off: where the report API meets the sync in tests.
 */
final class SyncedSiteWithReportApi implements AutoCloseable {

    private final HarnessedSite site;
    private final Database database;
    private final ReportPersistence persistence;
    private final ReportApi api;
    private final String token;

    SyncedSiteWithReportApi(String purpose, long seed, long company, long settleSeconds) throws Exception {
        site = HarnessedSite.onMariaDb(purpose, seed, 0.05);
        database = site.database();
        site.syncInFull(500);
        new SettingsStore(database).save("rate_limit", "0");
        new SettingsStore(database).save("token_rate_limit_per_minute", "0");
        persistence = new ReportPersistence(database);
        ReportTokens tokens = new ReportTokens(database, persistence);
        api = new ReportApi(database, tokens, SigningKey.of(database), new ReportZone(ZoneOffset.UTC), settleSeconds);
        token = tokens.issue(company, purpose, null, "test", now()).secretText();
    }

    Database database() {
        return database;
    }

    SyncHarness harness() {
        return site.harness();
    }

    /** A GET of the report API with the company's token; parameters as name, value, name, value... */
    ApiAnswer call(String resource, String... parameters) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < parameters.length; i += 2) {
            query.computeIfAbsent(parameters[i], k -> new ArrayList<>()).add(parameters[i + 1]);
        }
        return api.answer(new ApiRequest("GET", resource, query, "Bearer " + token, "10.0.0.1"), "sync-test");
    }

    /** The answer's body, which must be a 200. */
    static JsonObject ok(ApiAnswer answer) {
        assertEquals(200, answer.status(), answer.text());
        return Json.createReader(new StringReader(answer.text())).readObject();
    }

    private long now() throws SQLException {
        return Session.autoCommit(database, 10, Session::now);
    }

    @Override
    public void close() throws Exception {
        try {
            persistence.close();
        } finally {
            site.close();
        }
    }
}
