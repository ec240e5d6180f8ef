package alx.reportapi.api;

import alx.reportapi.db.AlxDatabase;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a request that changes something came from this site's own pages. An admin's session
 * cookie travels with any request the browser makes, including a form another site submits; the
 * browser says where such a request comes from ({@code Sec-Fetch-Site}, {@code Origin}), and that
 * is what this reads. Scripts send no such headers and are not affected.
 * <p>
 * Behind a reverse proxy the browser's origin is the proxy's public one, which this server cannot
 * see in its own address: {@value #PUBLIC_ORIGIN} names it (several may be separated by commas).
 */
final class SameSiteRequest {

    static final String PUBLIC_ORIGIN = "ALX_PUBLIC_ORIGIN";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private SameSiteRequest() {
    }

    /** True for reads, and for changes the browser does not report as coming from another site. */
    static boolean allowed(ContainerRequestContext request) {
        return allowed(request.getMethod(), request.getHeaderString("Sec-Fetch-Site"),
                request.getHeaderString("Origin"), request.getUriInfo().getBaseUri(), publicOrigins());
    }

    static boolean allowed(String method, String fetchSite, String origin, URI base, List<URI> publicOrigins) {
        if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
            return true;
        }
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return false;
        }
        if (origin == null) {
            return true;
        }
        Optional<URI> from = parse(origin);
        return from.isPresent() && (sameOrigin(from.get(), base)
                || publicOrigins.stream().anyMatch(known -> sameOrigin(from.get(), known)));
    }

    /** The configured public origins; an entry that is not an absolute http(s) URL is ignored. */
    static List<URI> publicOrigins() {
        return AlxDatabase.configValue(PUBLIC_ORIGIN).map(SameSiteRequest::parseOrigins).orElse(List.of());
    }

    static List<URI> parseOrigins(String configured) {
        return Arrays.stream(configured.split(",")).map(String::strip).filter(text -> !text.isEmpty())
                .map(SameSiteRequest::parse).flatMap(Optional::stream).toList();
    }

    private static Optional<URI> parse(String text) {
        try {
            URI uri = URI.create(text.strip());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean sameOrigin(URI from, URI to) {
        return to.getScheme().equalsIgnoreCase(from.getScheme()) && to.getHost().equalsIgnoreCase(from.getHost())
                && port(to) == port(from);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
