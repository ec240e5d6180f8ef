/**
 * How operators see the product from outside: MicroProfile Health checks (liveness; readiness
 * covering the database, the migrations and the lock) and Micrometer meters of the sync and of the
 * report API's two doors, in one registry ({@link alx.reportapi.observe.ProductMeters}) served in
 * Prometheus format by the WAR itself so that every server shows the same metrics, with the sync's
 * shared state (companies' lag, parked companies, the lock's age) read at each scrape. The sync
 * ({@code sync}) and the report API ({@code v2}, {@code webservice}) record through this package's
 * meter classes; none of them reaches the registry itself. Both doors of the report API record an
 * answered request in one place, {@link alx.reportapi.observe.AnsweredRequests}: its meters and its
 * entry in the report API's request log.
 * <p>
 * Depends on {@code db}, {@code lock}, {@code report}, {@code reporting} and {@code settings}.
 */
package alx.reportapi.observe;
