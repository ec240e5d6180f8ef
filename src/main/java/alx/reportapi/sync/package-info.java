/**
 * The reporting sync, a Jakarta Batch job ({@code batch-jobs/SyncReportingDataJob.xml}), whose
 * steps are this package's artifacts in the order they run:
 * <ol>
 *   <li>{@link alx.reportapi.sync.SyncJobListener} opens the run through the
 *       {@link alx.reportapi.sync.RunLifecycle}: a run-log entry, then the lock, or the run is
 *       skipped;</li>
 *   <li>{@link alx.reportapi.sync.PrepareRun} prepares it: queue rows, unparking, the collection
 *       of timestamped changes, the scan of course_modules;</li>
 *   <li>the chunk step: {@link alx.reportapi.sync.CompanyPassReader} reads the due companies and
 *       the pages of the pass in progress, {@link alx.reportapi.sync.PageDeriver} derives each
 *       page's rows (the next page ahead, in {@code DerivationsAhead}, the one place of
 *       concurrency), and {@link alx.reportapi.sync.ReportingRowWriter} writes passes' starts,
 *       pages and failures through {@code CompanyPass}, which owns a company's pass;</li>
 *   <li>the listener closes the run: the lock released, the outcome {@code RunOutcomeRule}
 *       decides recorded.</li>
 * </ol>
 * Every transaction is the application's own ({@code RunTransactions}): bounded by the budget,
 * fenced when it writes. Only portable Jakarta Batch is used, so the job behaves the same on IBM
 * JBatch (Payara) and JBeret (WildFly).
 * <p>
 * Depends on {@code db}, {@code lock}, {@code moodle}, {@code observe}, {@code reporting} and
 * {@code settings}.
 */
package alx.reportapi.sync;
