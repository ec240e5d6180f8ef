package alx.reportapi.security;

import alx.reportapi.api.OpsAccess;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The admin login: a form login whose form is the Faces page {@link #LOGIN_PAGE}, which hands the
 * credentials to {@code SecurityContext.authenticate}; {@link AdminIdentityStore} checks them and
 * the session then remembers the admin. Pages under {@code /admin/} are reserved to the admin role
 * in {@code web.xml}; a visitor without a session is sent to the login page and, after it, back
 * to the page they asked for.
 * <p>
 * A mechanism of our own rather than {@code @CustomFormAuthenticationMechanismDefinition}: that
 * one's saved request survives a failed login, and the next visit to an admin page then answers
 * 403 instead of showing the login page again.
 */
@AutoApplySession
@DeclareRoles(OpsAccess.ADMIN_ROLE)
@ApplicationScoped
public class AdminLoginMechanism implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
    /** Session attribute: the admin page asked for before the login, to return to after it. */
    public static final String RETURN_TO = "alx.admin.returnTo";
    private static final int MAX_RETURN_TO_CHARS = 2000;

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (context.isAuthenticationRequest() && credential != null) {
            CredentialValidationResult result = identityStores.validate(credential);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
            return AuthenticationStatus.SEND_FAILURE;
        }
        if (context.isProtected()) {
            rememberPage(request);
            return context.redirect(request.getContextPath() + LOGIN_PAGE);
        }
        return context.doNothing();
    }

    /** Only pages fetched with GET: a POST cannot be replayed, and its page is reached again by GET. */
    private static void rememberPage(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return;
        }
        String page = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        String target = query == null ? page : page + "?" + query;
        if (target.startsWith("/admin/") && target.length() <= MAX_RETURN_TO_CHARS) {
            request.getSession(true).setAttribute(RETURN_TO, target);
        }
    }
}
