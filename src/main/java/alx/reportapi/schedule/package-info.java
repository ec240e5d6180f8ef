/**
 * What starts and watches the sync: the EJB timer (schedule from the settings, non-persistent on
 * every node, since the lock keeps a cluster to one run), "run now" and "stop", start-up recovery
 * of this node's dead incarnation, the watchdog, and graceful shutdown.
 * <p>
 * Depends on {@code sync}, {@code lock}, {@code settings}, {@code reporting} and {@code db}.
 */
package alx.reportapi.schedule;
