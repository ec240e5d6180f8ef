/**
 * Who may use the admin page: the admin login (Jakarta Security form login with an application
 * identity store), the PBKDF2 password hash it checks against, the throttle on failed logins, and
 * the command-line tool that produces a hash for {@code ALX_ADMIN_PASSWORD_HASH}.
 * <p>
 * Depends on {@code alx.reportapi.db} (configuration lookup, demo directory) and on the admin role
 * name of {@code alx.reportapi.api.OpsAccess}. The plain
 * password is never stored or logged; the demo's generated one is printed once at first start.
 */
package alx.reportapi.security;
