/**
 * How operators see the product from outside: MicroProfile Health checks (liveness; readiness
 * covering the database, the migrations and the lock) and Micrometer meters of the sync, served
 * in Prometheus format by the WAR itself so that every server shows the same metrics.
 * <p>
 * Depends on {@code db} and {@code lock}.
 */
package alx.reportapi.observe;
