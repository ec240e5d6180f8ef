package alx.reportapi.admin;

import alx.reportapi.security.AdminLoginMechanism;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/** The logged-in admin: the name actions are recorded under, and logging out. */
@Named
@RequestScoped
public class AdminUser {

    /** The run log's trigger column holds 20 characters. */
    private static final int MAX_TRIGGER_CHARS = 20;

    public String getName() {
        var principal = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
        return principal == null ? "" : principal.getName();
    }

    /** The trigger of runs this admin starts, e.g. {@code admin:admin}. */
    public String trigger() {
        String trigger = "admin:" + getName();
        return trigger.length() <= MAX_TRIGGER_CHARS ? trigger : trigger.substring(0, MAX_TRIGGER_CHARS);
    }

    /** Who did it, for the audit trail and the log. */
    public String who() {
        return "admin " + getName();
    }

    public void logout() throws ServletException, IOException {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        ((HttpServletRequest) external.getRequest()).logout();
        external.invalidateSession();
        external.redirect(external.getRequestContextPath() + AdminLoginMechanism.LOGIN_PAGE);
    }
}
