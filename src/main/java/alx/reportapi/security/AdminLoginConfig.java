package alx.reportapi.security;

import alx.reportapi.api.OpsAccess;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The admin login: a Faces login page posting to {@code SecurityContext.authenticate}, checked by
 * {@link AdminIdentityStore}. Pages under {@code /admin/} are reserved to the admin role in
 * {@code web.xml}; a visitor without a session is redirected to the login page and, after it,
 * back to the page they asked for.
 */
@CustomFormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(
        loginPage = AdminLoginConfig.LOGIN_PAGE, errorPage = "", useForwardToLogin = false))
@DeclareRoles(OpsAccess.ADMIN_ROLE)
@ApplicationScoped
public class AdminLoginConfig {

    public static final String LOGIN_PAGE = "/admin/login.xhtml";
}
