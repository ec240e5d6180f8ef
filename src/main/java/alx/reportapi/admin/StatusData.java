package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.db.DatabaseClock;
import alx.reportapi.lock.LockHolder;
import alx.reportapi.lock.LockState;
import alx.reportapi.reporting.AuditEntry;
import alx.reportapi.reporting.AuditTrail;
import alx.reportapi.reporting.CompanyCursors;
import alx.reportapi.reporting.CompanyStatus;
import alx.reportapi.reporting.CompanyStatusQuery;
import alx.reportapi.reporting.RunLog;
import alx.reportapi.reporting.RunLogEntry;
import alx.reportapi.schedule.SyncControl;
import alx.reportapi.lock.SyncLocks;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the status view shows, read once per request (the live refresh is one request every few
 * seconds): the lock, the runs in progress, a page of the run log, a page of companies and the
 * latest audit entries. Every query is bounded by a page size and a statement timeout.
 */
@Named
@RequestScoped
public class StatusData {

    static final int AUDIT_ENTRIES = 10;

    @Inject
    Database database;

    @Inject
    SyncControl control;

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    SyncLocks syncLocks;

    @Inject
    StatusPage page;

    private Optional<LockState> lock;
    private Boolean mayReleaseLock;
    private List<RunProgress> running;
    private List<RunLogEntry> runLog;
    private List<CompanyStatus> companies;
    private Integer companiesTotal;
    private List<AuditEntry> audit;
    private Map<Long, Long> cursors;
    private Long databaseNow;

    public Optional<LockState> lock() {
        if (lock == null) {
            lock = control.lockState();
        }
        return lock;
    }

    public boolean isLockHeld() {
        return lock().isPresent();
    }

    /** "node web-1 (execution 12)", or the PHP cron's unrecorded holder. */
    public String getLockHolder() {
        return lock().map(l -> l.holder().orElse(LockHolder.UNRECORDED).describe()).orElse("");
    }

    public long getLockAcquiredAt() {
        return lock().map(LockState::acquiredAt).orElse(0L);
    }

    public long getLockHeartbeatAge() {
        return lock().map(LockState::ageSeconds).orElse(0L);
    }

    public boolean isLockStale() {
        return lock().map(LockState::stale).orElse(false);
    }

    public String getLockDescription() {
        return lock().map(LockState::describe).orElse("free");
    }

    /** The one-hour staleness (README, Behavior 11): shown, not edited. */
    public long getLockStaleAfter() {
        return syncLocks.staleAfterSeconds();
    }

    /** Offered only for a lock that may be freed: stale, or held by a dead holder. */
    public boolean isMayReleaseLock() {
        if (mayReleaseLock == null) {
            mayReleaseLock = control.mayFreeLock();
        }
        return mayReleaseLock;
    }

    public List<RunProgress> getRunning() throws SQLException {
        if (running == null) {
            Map<Long, RunSnapshot> live = runningSyncs.all().stream()
                    .collect(Collectors.toMap(RunSnapshot::executionId, Function.identity(), (a, b) -> a));
            List<RunProgress> result = new ArrayList<>();
            for (RunLogEntry entry : new RunLog(database).running()) {
                RunSnapshot run = entry.node().equals(nodeOf(live, entry)) ? live.get(entry.executionId()) : null;
                result.add(run == null ? fromLog(entry, databaseNow()) : fromRun(run, entry));
            }
            running = result;
        }
        return running;
    }

    public List<RunLogEntry> getRunLog() throws SQLException {
        if (runLog == null) {
            runLog = new RunLog(database).recent(page.runLogBefore(), StatusPage.RUN_LOG_PAGE);
        }
        return runLog;
    }

    /** The id the next-older page starts below, 0 when this is the last page. */
    public long getOldestShownRun() throws SQLException {
        List<RunLogEntry> entries = getRunLog();
        return entries.size() < StatusPage.RUN_LOG_PAGE ? 0 : entries.get(entries.size() - 1).id();
    }

    public List<CompanyStatus> getCompanies() throws SQLException {
        if (companies == null) {
            companies = new CompanyStatusQuery(database).page(page.getCompanySearch(), page.getCompanySort(),
                    page.getCompanyOffset(), StatusPage.COMPANY_PAGE);
        }
        return companies;
    }

    /**
     * The company's lag behind Moodle in seconds (the database clock's now less its cursor), or
     * -1 before its first sync.
     */
    public long lagOf(CompanyStatus company) throws SQLException {
        if (cursors == null) {
            cursors = new CompanyCursors(database).of(getCompanies().stream().map(CompanyStatus::companyId).toList());
        }
        Long cursor = cursors.get(company.companyId());
        return cursor == null ? -1 : Math.max(0, databaseNow() - cursor);
    }

    /** The database clock, read once per request: every age the page shows is measured with it. */
    long databaseNow() throws SQLException {
        if (databaseNow == null) {
            try (Connection connection = database.connect()) {
                databaseNow = DatabaseClock.now(connection);
            }
        }
        return databaseNow;
    }

    public int getCompaniesTotal() throws SQLException {
        if (companiesTotal == null) {
            companiesTotal = new CompanyStatusQuery(database).count(page.getCompanySearch());
        }
        return companiesTotal;
    }

    public boolean isMoreCompanies() throws SQLException {
        return page.getCompanyOffset() + StatusPage.COMPANY_PAGE < getCompaniesTotal();
    }

    public List<AuditEntry> getAudit() throws SQLException {
        if (audit == null) {
            audit = new AuditTrail(database).recent(0, AUDIT_ENTRIES);
        }
        return audit;
    }

    /** A company the admin may retry: failing and waiting for its next attempt, or parked. */
    public boolean retryable(CompanyStatus company) {
        return company.parked() || company.retryCount() > 0;
    }

    private static String nodeOf(Map<Long, RunSnapshot> live, RunLogEntry entry) {
        RunSnapshot run = live.get(entry.executionId());
        return run == null ? null : run.node();
    }

    private static RunProgress fromRun(RunSnapshot run, RunLogEntry entry) {
        long elapsed = Duration.between(run.startedAt(), Instant.now()).toSeconds();
        return new RunProgress(run.executionId(), run.node(), run.trigger(), entry.startedAt(), elapsed,
                run.maxSyncTime().toSeconds(), run.companiesDone(), run.companiesFailed(), run.rowsWritten(),
                true);
    }

    /** A run of another node: its start is on the database clock, and so is its elapsed time. */
    private static RunProgress fromLog(RunLogEntry entry, long databaseNow) {
        long elapsed = Math.max(0, databaseNow - entry.startedAt());
        return new RunProgress(entry.executionId(), entry.node(), entry.trigger(), entry.startedAt(), elapsed,
                entry.budgetSeconds(), entry.companiesDone(), entry.companiesFailed(), entry.rowsWritten(), false);
    }
}
