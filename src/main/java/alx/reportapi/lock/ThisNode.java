package alx.reportapi.lock;

import alx.reportapi.db.AlxDatabase;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * This process as the lock knows it: the node's name ({@code ALX_NODE_NAME}, by default the host
 * name and HTTP port) and an incarnation chosen afresh at every start, so that a node can tell
 * its own dead predecessor's lock from a live one.
 */
@ApplicationScoped
public class ThisNode {

    public static final String NODE_NAME = "ALX_NODE_NAME";

    private final String name;
    private final String incarnation = LockHolder.newIncarnation();

    public ThisNode() {
        this.name = AlxDatabase.configValue(NODE_NAME).map(String::trim).filter(n -> !n.isEmpty())
                .orElseGet(ThisNode::defaultName);
        // Fails at start-up, not at the first sync, when the configured name is unusable.
        new LockHolder(name, incarnation, 0);
    }

    public String name() {
        return name;
    }

    public String incarnation() {
        return incarnation;
    }

    public LockHolder holderFor(long executionId) {
        return new LockHolder(name, incarnation, executionId);
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "-");
        String name = safeHost + ":" + httpPort().orElse(String.valueOf(ProcessHandle.current().pid()));
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }

    /** The HTTP port where the server tells it: WildFly's system properties, Payara Micro's. */
    private static Optional<String> httpPort() {
        return AlxDatabase.configValue("ALX_HTTP_PORT")
                .or(() -> Optional.ofNullable(System.getProperty("payaramicro.port")))
                .or(() -> Optional.ofNullable(System.getProperty("jboss.http.port")).map(port -> String.valueOf(
                        Integer.parseInt(port) + Integer.getInteger("jboss.socket.binding.port-offset", 0))));
    }
}
