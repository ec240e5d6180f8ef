/**
 * The sync lock: one row in Moodle's {@code config_plugins} ({@code local_alx_report_api} /
 * {@code sync_task_lock}) that keeps the whole cluster, and a PHP cron still installed during a
 * migration, to one sync at a time (README, Behavior 2 and 3). Taking it, the fence each writing
 * transaction runs inside itself, the heartbeat that commits on its own, release by the holder,
 * recovery of this node's dead incarnations once their heartbeat stopped, and the admin's "free a stale lock"; the application's lock
 * ({@link alx.reportapi.lock.SyncLocks}) and this node's identity ({@link alx.reportapi.lock.ThisNode}).
 * <p>
 * The lock row's value is what the PHP plugin reads and writes: a Unix time (acquisition or last
 * heartbeat), which this service writes with a leading zero PHP never writes. Who holds it lives beside it in {@code sync_task_lock_holder}. Every time
 * comparison runs on the database clock, so nodes with skewed clocks agree.
 * <p>
 * Depends on {@code db}.
 */
package alx.reportapi.lock;
