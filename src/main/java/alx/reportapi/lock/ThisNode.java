package alx.reportapi.lock;

import alx.reportapi.db.AlxDatabase;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * This process as the lock knows it: the node's name ({@code ALX_NODE_NAME}, by default the host
 * name and HTTP port) and an incarnation chosen afresh at every start, so that a node can tell
 * its own dead predecessor's lock from a live one.
 */
@ApplicationScoped
public class ThisNode {

    public static final String NODE_NAME = "ALX_NODE_NAME";

    private final String name;
    private final String incarnation;

    public ThisNode() {
        this(AlxDatabase.configValue(NODE_NAME).map(String::trim).filter(n -> !n.isEmpty())
                .orElseGet(ThisNode::defaultName));
    }

    /** A node of the given name, in a new incarnation: for code that runs without configuration. */
    public ThisNode(String name) {
        this.name = name;
        this.incarnation = LockHolder.newIncarnation();
        // Fails at start-up, not at the first sync, when the name is unusable.
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

    /** Whether {@code holder} is another process with this node's name: an earlier one, or a twin. */
    public boolean isOtherIncarnation(LockHolder holder) {
        return holder.node().equals(name) && !holder.incarnation().equals(incarnation);
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String safeHost = host.replaceAll("[^A-Za-z0-9._-]", "-");
        String server = AlxDatabase.configValue("ALX_HTTP_PORT").or(() -> serverOnHost(System::getProperty))
                .orElse(String.valueOf(ProcessHandle.current().pid()));
        String name = safeHost + ":" + server;
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }

    /**
     * What tells this server apart from others on its host, and stays the same across its restarts,
     * since recovering a dead predecessor's lock at start-up depends on that: the HTTP port where the
     * server says it (Payara Micro; WildFly, whose standalone.xml binds {@code ${jboss.http.port:8080}}
     * shifted by the port offset), or Payara Server's instance folder ({@code domain1}). Empty when
     * none is known; the caller then falls back to the process id, which changes at every restart.
     */
    static Optional<String> serverOnHost(UnaryOperator<String> systemProperty) {
        String microPort = systemProperty.apply("payaramicro.port");
        if (microPort != null) {
            return Optional.of(microPort);
        }
        if (systemProperty.apply("jboss.home.dir") != null) {
            int port = integer(systemProperty.apply("jboss.http.port"), 8080)
                    + integer(systemProperty.apply("jboss.socket.binding.port-offset"), 0);
            return Optional.of(String.valueOf(port));
        }
        return Optional.ofNullable(systemProperty.apply("com.sun.aas.instanceRoot"))
                .map(root -> Path.of(root).getFileName()).map(Path::toString);
    }

    private static int integer(String value, int absent) {
        return value == null || value.isBlank() ? absent : Integer.parseInt(value.trim());
    }
}
