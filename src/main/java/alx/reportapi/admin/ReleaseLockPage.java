package alx.reportapi.admin;

import alx.reportapi.lock.LockHolder;
import alx.reportapi.schedule.SyncControl;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.Optional;

/**
 * The confirmation step before freeing a stuck lock. The rule is checked again when the admin
 * confirms, not when the page was shown: a lock that came back to life in between is refused.
 */
@Named
@RequestScoped
public class ReleaseLockPage {

    @Inject
    SyncControl control;

    @Inject
    AdminUser user;

    @Inject
    AdminAudit audit;

    public String release() {
        String before = control.lockState().map(lock -> lock.describe()).orElse("free");
        Optional<LockHolder> freed;
        try {
            freed = control.freeLock(user.who());
        } catch (IllegalStateException live) {
            audit.refused("lock_release", "sync_task_lock", live.getMessage());
            Messages.error("Refused: " + live.getMessage());
            return null;
        }
        if (freed.isEmpty()) {
            Messages.info("The lock was already free.");
        } else {
            audit.done("lock_release", "sync_task_lock", "freed the lock " + before);
            Messages.info("The lock was released (it was " + before + ").");
        }
        Messages.keepForNextPage();
        return "/admin/index?faces-redirect=true";
    }
}
