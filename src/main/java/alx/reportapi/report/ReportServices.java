package alx.reportapi.report;

import alx.reportapi.db.Database;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;

/**
 * The report API's long-lived parts for the application: its persistence unit, its tokens, its
 * request log and its signing key, made on first use and closed with the application.
 */
@ApplicationScoped
public class ReportServices {

    @Inject
    Database database;

    private ReportPersistence persistence;
    private SigningKey signingKey;

    public synchronized ReportPersistence persistence() {
        if (persistence == null) {
            persistence = new ReportPersistence(database);
        }
        return persistence;
    }

    public ReportTokens tokens() {
        return new ReportTokens(database, persistence());
    }

    public RequestLog requestLog() {
        return new RequestLog(database, persistence());
    }

    public synchronized SigningKey signingKey() throws SQLException {
        if (signingKey == null) {
            signingKey = SigningKey.of(database);
        }
        return signingKey;
    }

    public Database database() {
        return database;
    }

    @PreDestroy
    synchronized void close() {
        if (persistence != null) {
            persistence.close();
        }
    }
}
