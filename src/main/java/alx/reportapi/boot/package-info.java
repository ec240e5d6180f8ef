/**
 * What runs once when the WAR deploys, before anything else: open the database, seed the demo
 * database when there is no real one, check the Moodle tables, migrate the plugin tables. A
 * failure here stops the deployment with a message that says what to do.
 * <p>
 * Depends on {@code api}, {@code db} and {@code demo}.
 */
package alx.reportapi.boot;
