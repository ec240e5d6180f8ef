package alx.reportapi.admin;

import alx.reportapi.db.Database;
import alx.reportapi.reporting.CompanyOverview;
import alx.reportapi.reporting.CompanyOverviewQuery;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** The overview page: every company, its size, and where its sync stands. */
@Named
@RequestScoped
public class CompanyOverviewPage {

    static final int MAX_COMPANIES = 1000;

    @Inject
    Database database;

    private List<CompanyOverview> companies;

    public List<CompanyOverview> getCompanies() throws SQLException {
        if (companies == null) {
            companies = new CompanyOverviewQuery(database).companies(MAX_COMPANIES);
        }
        return companies;
    }

    public String cursorText(CompanyOverview company) {
        return company.lastSyncTimestamp().filter(t -> t > 0).map(t -> Instant.ofEpochSecond(t).toString())
                .orElse("—");
    }
}
