/**
 * What runs once when the WAR deploys: open the database, seed the demo database when there is no
 * real one, check the Moodle tables, migrate the plugin tables. A failure here stops the deployment
 * with a message that says what to do.
 */
package alx.reportapi.boot;
