package alx.reportapi.admin;

import alx.reportapi.Plugin;
import alx.reportapi.db.Database;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.AuditTrail;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Records the logged-in admin's actions in the audit trail. */
@RequestScoped
public class AdminAudit {

    private static final Logger LOG = Logger.getLogger(AdminAudit.class.getName());

    @Inject
    Database database;

    @Inject
    AdminUser user;

    @Inject
    ThisNode thisNode;

    /** The logged-in admin's name, as the audit trail records it. */
    public String adminName() {
        return user.getName();
    }

    public void done(String action, String target, String detail) {
        record(action, target, AuditTrail.DONE, detail);
    }

    public void refused(String action, String target, String detail) {
        record(action, target, AuditTrail.REFUSED, detail);
    }

    private void record(String action, String target, String outcome, String detail) {
        try {
            new AuditTrail(database).record(user.getName(), action, target, outcome, detail, thisNode.name());
        } catch (SQLException e) {
            // The action itself has happened; the server log (written first) keeps the record.
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "could not write the audit entry for " + action, e);
        }
    }
}
