package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.Session;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A generated Moodle site (seed 42, scale 0.1) with the plugin's tables, in a MariaDB database of
 * its own that every test method of the class shares, dropped after the class:
 * {@code @RegisterExtension static final GeneratedSiteDatabase site = new GeneratedSiteDatabase("purpose");}.
 * A site that size holds learners with several enrolments in a course, disabled instances and
 * completions of untracked modules; loading it takes seconds, so a class loads it once.
 */
public final class GeneratedSiteDatabase implements BeforeAllCallback, AfterAllCallback {

    private final String purpose;
    private TestDatabase testDatabase;

    public GeneratedSiteDatabase(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        testDatabase = TestDatabase.create(purpose);
        GeneratedMoodle.load(testDatabase.database(), 42, 0.1);
        TestSchemas.pluginTables(testDatabase.database());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (testDatabase != null) {
            testDatabase.close();
            testDatabase = null;
        }
    }

    /** The site's database, with the default table prefix. */
    public Database database() {
        if (testDatabase == null) {
            throw new IllegalStateException("the site exists only while the test class runs");
        }
        return testDatabase.database();
    }

    /** Work on the site's first company. */
    @FunctionalInterface
    public interface CompanyWork {
        void run(Session session, long companyId) throws SQLException;
    }

    /** Runs {@code work} in a session of its own on the site's first company, in autocommit. */
    public void onFirstCompany(CompanyWork work) throws SQLException {
        try (Connection connection = database().connect()) {
            Session session = Session.of(database(), connection, 60);
            work.run(session, session.number("SELECT MIN(id) FROM {company}"));
        }
    }
}
