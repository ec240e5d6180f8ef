package alx.reportapi.it;

import alx.reportapi.testing.GeneratedMoodle;
import alx.reportapi.testing.TestDatabase;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The WAR deploys on a real server against a real Moodle database, migrates it, and serves the overview. */
@ExtendWith(ArquillianExtension.class)
@Tag(EveryServer.TAG)
@RunAsClient
class DeploymentIT {

    private static TestDatabase database;

    @Deployment(testable = false)
    static WebArchive deployment() throws Exception {
        database = TestDatabase.create("deploy");
        GeneratedMoodle.load(database.database(), 7, 0.05);
        return Deployments.builtWar(database, Map.of());
    }

    @AfterAll
    static void dropDatabase() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void migratesThePluginTablesAtDeploy() throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                     + " WHERE table_schema = DATABASE() AND table_name IN ('mdl_local_alx_api_reporting',"
                     + " 'mdl_local_alx_api_sync_status', 'mdl_local_alx_api_settings',"
                     + " 'mdl_local_alx_api_schema_history')")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
        }
    }

    @Test
    void overviewPageListsEveryCompanyAsNeverSynced(@ArquillianResource URL base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "index.xhtml")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        String page = response.body();
        assertTrue(page.contains("Company 1 "), page);
        assertTrue(page.contains("Company 2 "), page);
        assertTrue(page.contains("never synced"), page);
    }
}
