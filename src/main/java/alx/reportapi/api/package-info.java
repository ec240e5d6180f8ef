/**
 * The operations API of SPEC 8: JSON over HTTP under {@code /api}, for cron jobs, scripts and the
 * admin page. Every answer, errors included, is a JSON object; no stack trace ever leaves the
 * server. Access is by the bearer token in {@code ALX_OPS_TOKEN} or by an admin login.
 */
package alx.reportapi.api;
