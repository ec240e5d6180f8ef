/**
 * How operators see the product from outside: MicroProfile Health checks (liveness; readiness
 * covering the database, the migrations and the lock) and Micrometer meters of the sync, served
 * in Prometheus format by the WAR itself so that every server shows the same metrics, with the
 * sync's shared state (companies' lag, parked companies, the lock's age) read at each scrape.
 * <p>
 * Depends on {@code db}, {@code lock}, {@code reporting} and {@code settings}.
 */
package alx.reportapi.observe;
