/**
 * The plugin's own tables: the reporting rows, per-company sync status and cursors, the run log,
 * the admin audit trail, an operator's retry of a failed company,
 * and the read models the admin page and the API show from them.
 * <p>
 * Depends on {@code alx.reportapi.db}.
 */
package alx.reportapi.reporting;
