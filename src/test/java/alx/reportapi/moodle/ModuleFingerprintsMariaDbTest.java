package alx.reportapi.moodle;

import alx.reportapi.db.Database;
import alx.reportapi.db.SchemaMigrator;
import alx.reportapi.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fingerprints stay storable whatever the site's size, and still move with every change. */
class ModuleFingerprintsMariaDbTest {

    private TestDatabase testDatabase;
    private Database database;

    @BeforeEach
    void setUp() {
        testDatabase = TestDatabase.create("fingerprint");
        database = testDatabase.database();
        SchemaMigrator migrator = new SchemaMigrator(testDatabase.dataSource(), database.prefix());
        migrator.createMoodleSubset();
        migrator.migratePluginTables();
    }

    @AfterEach
    void tearDown() {
        testDatabase.close();
    }

    @Test
    void aLargeSitesFingerprintsFitTheirColumnAndAreStoredAndConfirmed() throws SQLException {
        // Ids and counts of a site with millions of rows: their sums run to 19 digits.
        execute("INSERT INTO {user_enrolments} (id, enrolid, userid) VALUES (900000000000000001, 1, 1),"
                + " (900000000000000002, 1, 2), (900000000000000003, 2, 1)");
        execute("INSERT INTO {role_assignments} (id, roleid, contextid, userid) VALUES (4000000000000000001, 5, 1, 1),"
                + " (4000000000000000002, 5, 1, 2)");
        execute("INSERT INTO {company_users} (id, companyid, userid) VALUES (4000000000000000001, 1, 1),"
                + " (4000000000000000002, 1, 2)");
        try (Connection connection = database.connect()) {
            Map<Long, String> before = ModuleFingerprints.scan(database, connection, 30).fingerprints();
            before.values().forEach(fingerprint -> assertTrue(fingerprint.length() <= 64, fingerprint));

            ModuleFingerprints.storePending(database, connection, 1, before, Map.of(), 30);
            ModuleFingerprints.confirmPending(database, connection, 1, 30);
            assertEquals(before, ModuleFingerprints.confirmed(database, connection, 1, 30));

            execute("DELETE FROM {user_enrolments} WHERE id = 900000000000000003");
            Map<Long, String> after = ModuleFingerprints.scan(database, connection, 30).fingerprints();
            assertNotEquals(before.get(ModuleFingerprints.UNTIMED_CHANGES), after.get(ModuleFingerprints.UNTIMED_CHANGES),
                    "an unenrolment leaves no timestamp but moves the fingerprint");
        }
    }

    @Test
    void aPassThatSawWhatWasConfirmedWritesNothingAndAChangedOneReplacesIt() throws SQLException {
        try (Connection connection = database.connect()) {
            Map<Long, String> first = Map.of(ModuleFingerprints.UNTIMED_CHANGES, "a", 11L, "b", 12L, "c");
            ModuleFingerprints.storePending(database, connection, 1, first, Map.of(), 30);
            ModuleFingerprints.confirmPending(database, connection, 1, 30);
            assertEquals(first, ModuleFingerprints.confirmed(database, connection, 1, 30));

            ModuleFingerprints.storePending(database, connection, 1, first, first, 30);
            assertEquals(0, count("SELECT COUNT(*) FROM {local_alx_api_module_fp} WHERE pending = 1"),
                    "an unchanged site stores no pending fingerprints");
            ModuleFingerprints.confirmPending(database, connection, 1, 30);
            assertEquals(first, ModuleFingerprints.confirmed(database, connection, 1, 30),
                    "completing such a pass keeps what was confirmed");

            Map<Long, String> second = Map.of(ModuleFingerprints.UNTIMED_CHANGES, "a", 12L, "d");
            ModuleFingerprints.storePending(database, connection, 1, second, first, 30);
            assertEquals(first, ModuleFingerprints.confirmed(database, connection, 1, 30),
                    "until the pass completes, the last confirmed fingerprints stand");
            ModuleFingerprints.confirmPending(database, connection, 1, 30);
            assertEquals(second, ModuleFingerprints.confirmed(database, connection, 1, 30));
        }
    }

    private int count(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(database.sql(template))) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void execute(String template) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(30);
            statement.execute(database.sql(template));
        }
    }
}
