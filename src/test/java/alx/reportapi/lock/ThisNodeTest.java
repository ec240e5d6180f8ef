package alx.reportapi.lock;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The default node name's server part is stable across restarts on every server we run on. */
class ThisNodeTest {

    @Test
    void payaraMicroIsItsHttpPort() {
        assertEquals(Optional.of("8081"), ThisNode.serverOnHost(Map.of("payaramicro.port", "8081",
                "com.sun.aas.instanceRoot", "/tmp/payaramicro-rt1234")::get));
    }

    @Test
    void wildFlyIsItsHttpPortShiftedByTheOffset() {
        assertEquals(Optional.of("8180"), ThisNode.serverOnHost(Map.of("jboss.home.dir", "/opt/wildfly",
                "jboss.socket.binding.port-offset", "100")::get));
        assertEquals(Optional.of("9090"), ThisNode.serverOnHost(Map.of("jboss.home.dir", "/opt/wildfly",
                "jboss.http.port", "9090")::get));
    }

    @Test
    void payaraServerIsItsInstanceFolder() {
        assertEquals(Optional.of("domain1"), ThisNode.serverOnHost(Map.of("com.sun.aas.instanceRoot",
                "/opt/payara6/glassfish/domains/domain1")::get));
    }

    @Test
    void anUnknownServerHasNoStablePart() {
        assertEquals(Optional.empty(), ThisNode.serverOnHost(Map.<String, String>of()::get));
    }
}
