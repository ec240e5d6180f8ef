/**
 * The operations API: JSON over HTTP under {@code /api}, for cron jobs, scripts and the admin page.
 * Every answer, errors included, is a JSON object; no stack trace ever leaves the server. Access is
 * by the bearer token in {@code ALX_OPS_TOKEN} or by an admin login.
 * <p>
 * Depends on {@code db}, {@code lock}, {@code report}, {@code reporting}, {@code schedule},
 * {@code settings} and {@code sync}.
 */
package alx.reportapi.api;
