package alx.reportapi.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The browser-side protections of every answer, pages and API alike: no framing, no type
 * sniffing, the referrer only to this site (Faces' protected views compare it to the site), and a
 * content security policy that admits this WAR's own scripts, styles and images only.
 * <p>
 * Scripts are this WAR's files only, never inline code or {@code eval}: an injected script cannot
 * run. The pages therefore use no Faces component that renders a script ({@code f:ajax},
 * {@code f:param} on a command, {@code h:commandScript}, {@code h:commandLink}, {@code h:button});
 * their ajax is {@code webapp/resources/js/admin-ajax.js}. Styles still admit inline declarations,
 * which run no code. The policy also refuses plugins, foreign form targets, a changed base URL and
 * framing by another site.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders extends HttpFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Frame-Options", "DENY");
        chain.doFilter(request, response);
    }
}
