/**
 * End-to-end tests on a real server (Arquillian, the server chosen by the Maven profile) against
 * the real MariaDB. Each test class deploys the built WAR, configured for a fresh database of its
 * own through {@code META-INF/microprofile-config.properties}, and drops that database afterwards.
 */
package alx.reportapi.it;
