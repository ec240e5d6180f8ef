/**
 * What starts and watches the sync: the EJB timer (schedule from the settings, non-persistent on
 * every node, since the lock keeps a cluster to one run), "run now" and "stop", start-up recovery
 * of this node's dead incarnation, the lock's heartbeat, the watchdog, graceful shutdown and the daily retention purge.
 * <p>
 * Depends on {@code batchhistory}, {@code db}, {@code lock}, {@code reporting}, {@code settings}
 * and {@code sync}.
 */
package alx.reportapi.schedule;
