/**
 * Test support shared by every test package: fresh MariaDB databases that drop themselves, the
 * schemas a test database starts from ({@code TestSchemas}), a JUnit extension that gives each test
 * method such a database migrated ({@code MigratedMariaDb}), generated Moodle sites loaded into
 * them (one a test class shares: {@code GeneratedSiteDatabase}), changes made to them with the
 * traces Moodle leaves ({@code MoodleChanges}), the independent oracle of what the reporting table
 * must hold with its tombstone checks across runs ({@code ReportingOracle},
 * {@code ReportingHistory}), a table damaged the way a full pass must repair ({@code ReportingDamage}),
 * and headless Chromium for the admin page's browser tests. MariaDB and Chromium must be installed;
 * a test never skips without them.
 */
package alx.reportapi.testing;
