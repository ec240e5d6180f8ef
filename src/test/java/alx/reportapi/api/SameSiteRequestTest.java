package alx.reportapi.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which session-based changes are admitted, behind a reverse proxy too. */
class SameSiteRequestTest {

    private static final URI INTERNAL = URI.create("http://10.0.0.5:8080/alx-report-api/api/");
    private static final List<URI> PUBLIC = SameSiteRequest.parseOrigins("https://reports.example.org");

    @Test
    void behindAProxyAChangeFromThePublicOriginIsAdmittedOnlyOnceThatOriginIsConfigured() {
        assertFalse(SameSiteRequest.allowed("POST", "same-origin", "https://reports.example.org", INTERNAL, List.of()),
                "without ALX_PUBLIC_ORIGIN the proxy's origin is not this server's");
        assertTrue(SameSiteRequest.allowed("POST", "same-origin", "https://reports.example.org", INTERNAL, PUBLIC));
        assertTrue(SameSiteRequest.allowed("DELETE", null, "https://REPORTS.example.org:443", INTERNAL, PUBLIC));
    }

    @Test
    void anotherSiteIsRefusedWhateverIsConfigured() {
        assertFalse(SameSiteRequest.allowed("POST", null, "https://evil.example", INTERNAL, PUBLIC));
        assertFalse(SameSiteRequest.allowed("POST", null, "http://reports.example.org", INTERNAL, PUBLIC),
                "another scheme is another origin");
        assertFalse(SameSiteRequest.allowed("POST", "cross-site", "https://reports.example.org", INTERNAL, PUBLIC));
        assertFalse(SameSiteRequest.allowed("POST", null, "null", INTERNAL, PUBLIC), "an opaque origin");
    }

    @Test
    void theServersOwnOriginReadsAndScriptsStayAdmitted() {
        assertTrue(SameSiteRequest.allowed("POST", "same-origin", "http://10.0.0.5:8080", INTERNAL, List.of()));
        assertTrue(SameSiteRequest.allowed("GET", "cross-site", "https://evil.example", INTERNAL, PUBLIC));
        assertTrue(SameSiteRequest.allowed("POST", null, null, INTERNAL, List.of()), "a script sends no origin");
    }

    @Test
    void malformedConfiguredOriginsAreIgnored() {
        assertEquals(List.of(URI.create("https://a.example")),
                SameSiteRequest.parseOrigins(" https://a.example , ftp://b.example, not a url,, "));
    }
}
