package alx.reportapi.api;

import jakarta.ws.rs.container.ContainerRequestContext;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a request that changes something came from this site's own pages. An admin's session
 * cookie travels with any request the browser makes, including a form another site submits; the
 * browser says where such a request comes from ({@code Sec-Fetch-Site}, {@code Origin}), and that
 * is what this reads. Scripts send no such headers and are not affected.
 */
final class SameSiteRequest {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SameSiteRequest() {
    }

    /** True for reads, and for changes the browser does not report as coming from another site. */
    static boolean allowed(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            return true;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return false;
        }
        String origin = request.getHeaderString("Origin");
        return origin == null || sameOrigin(origin, request.getUriInfo().getBaseUri());
    }

    private static boolean sameOrigin(String origin, URI base) {
        try {
            URI from = URI.create(origin.strip());
            return base.getScheme().equalsIgnoreCase(String.valueOf(from.getScheme()))
                    && base.getHost().equalsIgnoreCase(String.valueOf(from.getHost()))
                    && port(base) == port(from);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
