package alx.reportapi.it;

import java.net.URI;
import java.net.URL;

/**
 * What the ITs that run on every server (Payara Micro, Payara Server, WildFly) share: their JUnit
 * tag, which the non-default Maven profiles select, and where the server under test answers.
 */
public final class EveryServer {

    /** The tag of the tests that prove a point on every server; the others are Payara Micro only. */
    public static final String TAG = "every-server";

    private EveryServer() {
    }

    /**
     * The root under which MicroProfile Health answers ({@code health/live}, {@code health/ready}).
     * Payara serves it on the HTTP port's root; WildFly on its management port, which the WildFly
     * profile passes as {@code it.health.root}.
     */
    public static URI healthRoot(URL deployment) {
        String configured = System.getProperty("it.health.root", "").trim();
        if (!configured.isEmpty()) {
            return URI.create(configured.endsWith("/") ? configured : configured + "/");
        }
        return URI.create(deployment.getProtocol() + "://" + deployment.getHost() + ":" + deployment.getPort() + "/");
    }
}
