/**
 * Test support shared by every test package: fresh MariaDB databases that drop themselves, and
 * generated Moodle sites loaded into them. MariaDB must be running; a test never skips without it.
 */
package alx.reportapi.testing;
