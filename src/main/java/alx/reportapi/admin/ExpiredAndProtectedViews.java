package alx.reportapi.admin;

import alx.reportapi.Plugin;
import alx.reportapi.security.AdminLoginMechanism;
import jakarta.faces.FacesException;
import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Answers the two refusals a visitor meets in ordinary use with a page, not the server's error
 * page:
 * <ul>
 * <li>a form posted after its view expired (a login page left open past the session timeout, or a
 * forged POST) goes to the login page saying the session expired, or, for an admin whose session
 * is still alive, back to the page it came from;</li>
 * <li>a protected view opened without the token of an admin page's link goes to the page that says
 * to open it from the admin page.</li>
 * </ul>
 * Both are logged here in one line that names the view and never the exception's message:
 * Mojarra's protected-view message carries the expected and the presented token, and with the
 * default handling that message reached the log at SEVERE.
 */
public class ExpiredAndProtectedViews extends ExceptionHandlerWrapper {

    static final String EXPIRED_PARAMETER = "expired";
    static final String PROTECTED_VIEW_PAGE = "/admin/open-from-the-admin-page.html";
    private static final Logger LOG = Logger.getLogger(ExpiredAndProtectedViews.class.getName());

    public ExpiredAndProtectedViews(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void handle() throws FacesException {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator(); events.hasNext(); ) {
            Throwable thrown = events.next().getContext().getException();
            Optional<String> target = target(faces, thrown);
            if (target.isPresent() && !faces.getResponseComplete()) {
                events.remove();
                redirect(faces, target.get());
            }
        }
        getWrapped().handle();
    }

    private static Optional<String> target(FacesContext faces, Throwable thrown) {
        ExternalContext external = faces.getExternalContext();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProtectedViewException) {
                LOG.info(() -> Plugin.LOG_PREFIX + "a protected view was opened without its link's token: "
                        + viewOf(external) + "; sent to " + PROTECTED_VIEW_PAGE);
                return Optional.of(PROTECTED_VIEW_PAGE);
            }
            if (cause instanceof ViewExpiredException) {
                boolean signedIn = external.getUserPrincipal() != null;
                LOG.info(() -> Plugin.LOG_PREFIX + "a form of " + viewOf(external) + " was posted after its view"
                        + " expired; " + (signedIn ? "the page is shown again" : "sent to the login page"));
                return Optional.of(signedIn ? viewOf(external)
                        : AdminLoginMechanism.LOGIN_PAGE + "?" + EXPIRED_PARAMETER + "=true");
            }
        }
        return Optional.empty();
    }

    /** The page the request was for, from the servlet path: only a path of this application. */
    private static String viewOf(ExternalContext external) {
        String path = external.getRequestServletPath();
        return path == null || !path.startsWith("/") ? "/admin/index.xhtml" : path;
    }

    private static void redirect(FacesContext faces, String target) {
        ExternalContext external = faces.getExternalContext();
        try {
            external.redirect(external.getRequestContextPath() + target);
            faces.responseComplete();
        } catch (IOException e) {
            throw new FacesException("Could not send the visitor to " + target, e);
        }
    }
}
