package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.CompanyRetry;
import alx.reportapi.reporting.CompanyStatusQuery;
import alx.reportapi.schedule.RunRequest;
import alx.reportapi.schedule.StopResult;
import alx.reportapi.schedule.SyncControl;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The status view's state between requests (which page of the run log and of the companies the
 * admin is on, their search) and its actions: run now, stop, retry a company. Every action is a
 * POST and lands in the audit trail.
 */
@Named
@ViewScoped
public class StatusPage implements Serializable {

    private static final long serialVersionUID = 1L;
    static final int RUN_LOG_PAGE = 10;
    static final int COMPANY_PAGE = 25;
    private static final int MAX_SEARCH_CHARS = 100;
    private static final Map<String, String> SORT_LABELS = sortLabels();

    @Inject
    transient SyncControl control;

    @Inject
    transient Database database;

    @Inject
    transient AdminUser user;

    @Inject
    transient AdminAudit audit;

    /** Run-log paging by key: the id each page starts below; empty for the newest page. */
    private final Deque<Long> runLogAnchors = new ArrayDeque<>();
    private long runLogBefore;
    private String companySearch = "";
    private String companySort = "priority";
    private int companyOffset;

    public void runNow() throws SQLException, InterruptedException {
        RunRequest request = control.runNow(user.trigger());
        if (request instanceof RunRequest.Skipped skipped) {
            audit.refused("run_now", "execution " + skipped.executionId(), skipped.message());
            Messages.error("Not started: " + skipped.message());
        } else {
            audit.done("run_now", "execution " + request.executionId(), "sync started");
            Messages.info("Sync started (execution " + request.executionId() + ").");
        }
    }

    public void stop() {
        Optional<Long> executionId = longParameter("execution");
        if (executionId.isEmpty()) {
            Messages.error("No run was named to stop.");
            return;
        }
        long id = executionId.get();
        StopResult result = control.stop(id, user.who());
        switch (result) {
            case STOPPING -> {
                audit.done("stop", "execution " + id, "asked to stop at its next chunk boundary");
                Messages.info(result.describe(id));
            }
            case UNKNOWN -> {
                audit.refused("stop", "execution " + id, "no such run on this node");
                Messages.error(result.describe(id));
            }
            case ALREADY_ENDED -> {
                audit.refused("stop", "execution " + id, "already ended");
                Messages.error(result.describe(id));
            }
        }
    }

    public void retryCompany() throws SQLException {
        Optional<Long> companyId = longParameter("company");
        if (companyId.isEmpty()) {
            Messages.error("No company was named to retry.");
            return;
        }
        long id = companyId.get();
        switch (new CompanyRetry(database).retry(id)) {
            case RETRIED -> {
                audit.done("company_retry", "company " + id, "retries reset; synced first on the next run");
                Messages.info("Company " + id + " will be synced first on the next run.");
            }
            case UNKNOWN_COMPANY -> {
                audit.refused("company_retry", "company " + id, "no such company");
                Messages.error("No company has id " + id + ".");
            }
            case NOT_FAILED -> {
                audit.refused("company_retry", "company " + id, "not failed or parked");
                Messages.error("Company " + id + " is neither failing nor parked; there is nothing to retry.");
            }
        }
    }

    /** The live view re-renders on its own; this only gives the poll an action to call. */
    public void refresh() {
    }

    public void olderRuns(long lastShownId) {
        if (lastShownId > 0) {
            runLogAnchors.push(runLogBefore);
            runLogBefore = lastShownId;
        }
    }

    public void newerRuns() {
        runLogBefore = runLogAnchors.isEmpty() ? 0 : runLogAnchors.pop();
    }

    public void newestRuns() {
        runLogAnchors.clear();
        runLogBefore = 0;
    }

    public boolean isOnNewestRuns() {
        return runLogBefore == 0;
    }

    long runLogBefore() {
        return runLogBefore;
    }

    public void nextCompanies() {
        companyOffset += COMPANY_PAGE;
    }

    public void previousCompanies() {
        companyOffset = Math.max(0, companyOffset - COMPANY_PAGE);
    }

    public void searchCompanies() {
        companyOffset = 0;
    }

    public int getCompanyOffset() {
        return companyOffset;
    }

    public String getCompanySearch() {
        return companySearch;
    }

    public void setCompanySearch(String search) {
        String text = search == null ? "" : search.strip();
        this.companySearch = text.length() > MAX_SEARCH_CHARS ? text.substring(0, MAX_SEARCH_CHARS) : text;
    }

    public String getCompanySort() {
        return companySort;
    }

    public void setCompanySort(String sort) {
        this.companySort = CompanyStatusQuery.SORTS.containsKey(sort) ? sort : "priority";
    }

    /** Label to sort key, in the order the menu shows them. */
    public Map<String, String> getCompanySorts() {
        return SORT_LABELS;
    }

    private static Map<String, String> sortLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("Queue order", "priority");
        labels.put("Name", "name");
        labels.put("Id", "id");
        labels.put("Most retries", "retries");
        labels.put("Last success", "last_success");
        return Collections.unmodifiableMap(labels);
    }

    /** A positive id sent with the button (an f:param), not taken from the row it was rendered in. */
    private static Optional<Long> longParameter(String name) {
        String raw = FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
        try {
            long value = Long.parseLong(raw == null ? "" : raw.strip());
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
