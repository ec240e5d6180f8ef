package alx.reportapi.admin;

import alx.reportapi.Plugin;
import alx.reportapi.lock.ThisNode;
import alx.reportapi.reporting.AuditTrail;
import alx.reportapi.db.Database;
import alx.reportapi.security.AdminCredentials;
import alx.reportapi.security.AdminLoginMechanism;
import alx.reportapi.security.LoginThrottle;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The login form: hands the credentials to Jakarta Security and says plainly when they fail. */
@Named
@RequestScoped
public class LoginPage {

    private static final Logger LOG = Logger.getLogger(LoginPage.class.getName());
    private static final int MAX_FIELD_CHARS = 1024;

    @Inject
    SecurityContext securityContext;

    @Inject
    AdminCredentials credentials;

    @Inject
    LoginThrottle throttle;

    @Inject
    Database database;

    @Inject
    ThisNode thisNode;

    private String username;
    private String password;

    /** False when no password hash is configured: nobody can log in. */
    public boolean isLoginPossible() {
        return credentials.hash().isPresent();
    }

    public String getUnusableReason() {
        return credentials.unusableReason();
    }

    public void login() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        ExternalContext external = faces.getExternalContext();
        String user = clip(username);
        long locked = throttle.secondsLocked(user);
        if (locked > 0) {
            external.setResponseStatus(429);
            Messages.error("Too many failed logins for this user name; try again in " + locked + " s.");
            return;
        }
        AuthenticationStatus status = securityContext.authenticate(
                (HttpServletRequest) external.getRequest(), (HttpServletResponse) external.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(user, new Password(clip(password)))));
        if (status == AuthenticationStatus.SUCCESS) {
            recordLogin(user);
            external.redirect(external.getRequestContextPath() + returnTo(external));
        } else if (status == AuthenticationStatus.SEND_CONTINUE) {
            faces.responseComplete();
        } else {
            // The same login page, with a status that says the login did not happen.
            external.setResponseStatus(401);
            Messages.error("Wrong user name or password.");
        }
    }

    /** The admin page asked for before the login (set by the mechanism, never by the client). */
    private static String returnTo(ExternalContext external) {
        Object remembered = external.getSessionMap().remove(AdminLoginMechanism.RETURN_TO);
        return remembered instanceof String page && page.startsWith("/admin/") ? page : "/admin/";
    }

    private void recordLogin(String user) {
        try {
            new AuditTrail(database).record(user, "login", "admin page", AuditTrail.DONE, "logged in",
                    thisNode.name());
        } catch (SQLException e) {
            LOG.log(Level.WARNING, Plugin.LOG_PREFIX + "could not write the audit entry for a login", e);
        }
    }

    private static String clip(String text) {
        String value = text == null ? "" : text;
        return value.length() <= MAX_FIELD_CHARS ? value : value.substring(0, MAX_FIELD_CHARS);
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
