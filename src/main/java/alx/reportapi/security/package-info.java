/**
 * Who may use the admin page: the admin login (Jakarta Security form login with an application
 * identity store), the PBKDF2 password hash it checks against, the throttle on failed logins, and
 * the command-line tool that produces a hash for {@code ALX_ADMIN_PASSWORD_HASH}. The plain
 * password is never stored or logged; the demo's generated one is printed once at first start.
 * The admin role's name is the operations API's constant, which the compiler copies here. The
 * browser-side protections every answer carries (content security policy, no sniffing, no
 * framing, same-origin referrer) are set here too.
 * <p>
 * Depends on {@code db} (configuration lookup, demo directory).
 */
package alx.reportapi.security;
