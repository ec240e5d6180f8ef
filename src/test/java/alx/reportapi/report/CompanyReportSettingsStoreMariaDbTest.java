package alx.reportapi.report;

import alx.reportapi.testing.MigratedMariaDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Per-company report settings: full integers where the plugin's TINYINT column could not hold
 * them, values adopted from a PHP site's own table, and refused input that changes nothing.
 */
class CompanyReportSettingsStoreMariaDbTest {

    @RegisterExtension
    final MigratedMariaDb mariaDb = MigratedMariaDb.moodleSubsetAndPluginTables("reportsettings");

    private CompanyReportSettingsStore store;

    @BeforeEach
    void schema() throws SQLException {
        execute("INSERT INTO mdl_company (id, name, shortname) VALUES (1, 'One', 'one'), (2, 'Two', 'two')");
        store = new CompanyReportSettingsStore(mariaDb.database());
    }

    @Test
    void defaultsAreEveryFieldOnNoCourseOffAndTheGlobalRateLimit() throws SQLException {
        CompanyReportSettings settings = store.read(1);
        assertEquals(Set.of(ReportField.values()), settings.fields());
        assertEquals(Set.of(), settings.disabledCourses());
        assertEquals(0, settings.rateLimit());
        assertEquals(CompanyReportSettings.SYNC_AUTO, settings.syncMode());
        assertEquals(24, settings.syncWindowHours());
    }

    @Test
    void valuesBeyondTheTinyintRangeAreStoredAndTheApisRowWinsOverTheAdoptedOne() throws SQLException {
        // A PHP site's row, in the plugin's own table, as the plugin wrote it.
        execute("INSERT INTO mdl_local_alx_api_settings (companyid, setting_name, setting_value) VALUES"
                + " (1, 'rate_limit', '127'), (1, 'field_email', '0'), (1, 'course_12', '0'), (1, 'junk', 'x')");
        CompanyReportSettings adopted = store.read(1);
        assertEquals(127, adopted.rateLimit());
        assertTrue(!adopted.fields().contains(ReportField.EMAIL));
        assertEquals(Set.of(12L), adopted.disabledCourses());

        store.save(1, Map.of("rate_limit", 500L, "sync_window_hours", 168L, "field_email", 1L));
        CompanyReportSettings saved = store.read(1);
        assertEquals(500, saved.rateLimit());
        assertEquals(168, saved.syncWindowHours());
        assertTrue(saved.fields().contains(ReportField.EMAIL));
        assertEquals(Set.of(12L), saved.disabledCourses());
        assertEquals(0, store.read(2).rateLimit(), "another company's settings are its own");
    }

    @Test
    void aRefusedValueChangesNothing() throws SQLException {
        store.save(1, Map.of("rate_limit", 50L));
        assertThrows(IllegalArgumentException.class, () -> store.save(1, Map.of("rate_limit", 60L, "sync_mode", 4L)));
        assertThrows(IllegalArgumentException.class, () -> store.save(1, Map.of("field_password", 1L)));
        assertThrows(IllegalArgumentException.class, () -> store.save(1, Map.of("course_abc", 1L)));
        assertThrows(IllegalArgumentException.class, () -> store.save(1, Map.of("field_email", 2L)));
        assertThrows(IllegalArgumentException.class, () -> store.save(1, Map.of("rate_limit", -1L)));
        assertThrows(IllegalArgumentException.class, () -> store.save(99, Map.of("rate_limit", 5L)));
        assertEquals(Map.of("rate_limit", 50L), store.read(1).sorted());
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = mariaDb.database().connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
