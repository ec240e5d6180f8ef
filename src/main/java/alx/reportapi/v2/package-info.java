/**
 * The report API proper, JSON under {@code api/v2/reports/} (README, Behaviors 24 and 25): a
 * company's snapshot in keyset pages with signed cursors, its change feed with tombstones,
 * {@code whoami}, per-token and per-company rate limits answered with 429 and {@code Retry-After},
 * errors as {@code application/problem+json}, every request logged and counted in the
 * report API's metrics ({@code observe}).
 * <p>
 * Depends on {@code db}, {@code observe}, {@code report} and {@code settings}.
 */
package alx.reportapi.v2;
