/**
 * Test support shared by every test package: fresh MariaDB databases that drop themselves,
 * generated Moodle sites loaded into them, and headless Chromium for the admin page's browser
 * tests. MariaDB and Chromium must be installed; a test never skips without them.
 */
package alx.reportapi.testing;
