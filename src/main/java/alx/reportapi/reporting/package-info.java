/**
 * The plugin's own tables: the reporting rows and why each deleted one left, per-company sync
 * status and cursors, the company queue with each company's pass in progress, the pending pairs of
 * those passes, the run log, the admin audit trail, an operator's retry of a failed company, and
 * the read models the admin page and the API show from them.
 * <p>
 * Depends on {@code db} and {@code moodle}.
 */
package alx.reportapi.reporting;
