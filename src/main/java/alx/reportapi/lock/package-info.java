/**
 * The sync lock: one row in Moodle's {@code config_plugins} ({@code local_alx_report_api} /
 * {@code sync_task_lock}) that keeps the whole cluster, and a PHP cron still installed during a
 * migration, to one sync at a time (SPEC 3.3). Taking, heartbeating, the fence a chunk commit runs
 * inside its own transaction, release by the holder, recovery of this node's dead incarnations, and
 * the admin's "free a stuck lock".
 * <p>
 * The lock row's value is what the PHP plugin reads and writes: a plain Unix time (acquisition or
 * last heartbeat). Who holds it lives beside it in {@code sync_task_lock_holder}. Every time
 * comparison runs on the database clock, so nodes with skewed clocks agree.
 * <p>
 * Methods that open their own transaction must run outside a container-managed (JTA) transaction;
 * {@link alx.reportapi.lock.SyncLock#verifyAndHeartbeat} is the one that joins the caller's.
 * <p>
 * Depends on {@code alx.reportapi.db} only.
 */
package alx.reportapi.lock;
