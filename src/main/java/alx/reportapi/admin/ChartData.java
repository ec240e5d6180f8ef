package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.reporting.CompanyCursors;
import alx.reportapi.reporting.CompanyCursors.CompanyLag;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the admin page's charts draw, read once when the page is rendered: the runs of the last
 * seven days (duration and rows per run, outcome, budget, the verification's corrections) and the
 * most lagging companies. The
 * page carries it as JSON in a data attribute, which Faces escapes, and admin-charts.js draws it
 * with Chart.js; the same facts are in the page's tables, for a browser without JavaScript.
 */
@Named
@RequestScoped
public class ChartData {

    static final long HISTORY_SECONDS = 7 * 86_400L;
    /** A run every minute for a week is 10 080 bars; the newest 2 000 still show the week's shape. */
    static final int MAX_RUNS = 2_000;
    static final int MAX_COMPANIES = 30;

    @Inject
    Database database;

    @Inject
    Times times;

    private Long databaseNow;
    private List<CompanyLag> lagging;
    private String runHistory;

    /**
     * {"labels": […], "durations": […], "rows": […], "outcomes": […], "budgets": […],
     * "corrections": […], "zone": "…"}: the corrections are the rows the rolling verification
     * corrected in each run (README, Behavior 16).
     */
    public String getRunHistoryJson() throws SQLException {
        if (runHistory == null) {
            runHistory = runHistory();
        }
        return runHistory;
    }

    private String runHistory() throws SQLException {
        List<RunLogEntry> runs = new RunLog(database).startedSince(databaseNow() - HISTORY_SECONDS, MAX_RUNS);
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder durations = Json.createArrayBuilder();
        JsonArrayBuilder rows = Json.createArrayBuilder();
        JsonArrayBuilder outcomes = Json.createArrayBuilder();
        JsonArrayBuilder budgets = Json.createArrayBuilder();
        JsonArrayBuilder corrections = Json.createArrayBuilder();
        for (RunLogEntry run : runs) {
            labels.add(times.at(run.startedAt()));
            durations.add(run.durationSeconds());
            rows.add(run.rowsWritten());
            outcomes.add(run.outcome().word());
            budgets.add(run.budgetSeconds());
            corrections.add(run.corrections());
        }
        return Json.createObjectBuilder().add("labels", labels).add("durations", durations).add("rows", rows)
                .add("outcomes", outcomes).add("budgets", budgets).add("corrections", corrections).add("zone", times.getZone())
                .build().toString();
    }

    /** {"labels": ["Company 7 (7)", …], "lags": [seconds, …]}, most lagging first. */
    public String getCompanyLagJson() throws SQLException {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        JsonArrayBuilder lags = Json.createArrayBuilder();
        for (CompanyLag company : getMostLagging()) {
            labels.add(company.name() + " (" + company.companyId() + ")");
            lags.add(company.lagSeconds());
        }
        return Json.createObjectBuilder().add("labels", labels).add("lags", lags).build().toString();
    }

    public List<CompanyLag> getMostLagging() throws SQLException {
        if (lagging == null) {
            lagging = new CompanyCursors(database).mostLagging(databaseNow(), MAX_COMPANIES);
        }
        return lagging;
    }

    private long databaseNow() throws SQLException {
        if (databaseNow == null) {
            try (Connection connection = database.connect()) {
                databaseNow = DatabaseClock.now(connection);
            }
        }
        return databaseNow;
    }
}
