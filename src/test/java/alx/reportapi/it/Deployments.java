package alx.reportapi.it;

import alx.reportapi.testing.TestDatabase;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The WAR exactly as Maven built it, pointed at a test database. Tests deploy what ships rather
 * than a hand-kept list of classes.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive builtWar(TestDatabase database, Map<String, String> extraConfig) {
        File war = new File(System.getProperty("it.war", "target/alx-report-api.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("The built WAR is missing at " + war + ": run the ITs through"
                    + " 'mvn verify', which packages it first.");
        }
        WebArchive archive = ShrinkWrap.create(ZipImporter.class, "alx-report-api.war").importFrom(war)
                .as(WebArchive.class);
        StringBuilder config = new StringBuilder()
                .append("ALX_DB_URL=").append(database.url()).append('\n')
                .append("ALX_DB_USER=").append(TestDatabase.user()).append('\n')
                .append("ALX_DB_PASSWORD=").append(TestDatabase.password()).append('\n');
        config.append(extraConfig.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")));
        archive.addAsResource(new StringAsset(config.toString()), "META-INF/microprofile-config.properties");
        return archive;
    }

    /** The built WAR plus the test classes, for tests that run inside the server. */
    public static WebArchive inContainer(TestDatabase database, Map<String, String> extraConfig) {
        return builtWar(database, extraConfig).addPackages(true, "alx.reportapi.it", "alx.reportapi.testing");
    }
}
