/**
 * The reporting sync, a Jakarta Batch chunk job ({@code batch-jobs/SyncReportingDataJob.xml}).
 * <p>
 * Data flows one way: the job listener opens the run (lock, run log); {@link alx.reportapi.sync.PendingPairReader}
 * walks companies in queue order, detects each company's changes (writing a pass that fits one page
 * at once, several companies to a transaction) and yields pages of pending pairs with their rows
 * derived from Moodle, deriving the next page while the last is written (at a company's last page,
 * the next company's first) and reading the next full pass's qualifying pairs ahead;
 * {@link alx.reportapi.sync.ReportingRowWriter} writes them behind the lock's fence; the listener
 * closes the run. The time budget, the run's shared state and the checkpoint live here too.
 * <p>
 * Only portable Jakarta Batch is used, so the job behaves the same on IBM JBatch (Payara) and
 * JBeret (WildFly). Depends on {@code db}, {@code moodle}, {@code reporting}, {@code lock} and {@code settings}.
 */
package alx.reportapi.sync;
