package alx.reportapi.testing;

import alx.reportapi.db.Database;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.function.UnaryOperator;

/**
 * A MariaDB database of its own for each test method, with a schema of {@link TestSchemas} in it,
 * dropped after the method: {@code @RegisterExtension final MigratedMariaDb mariaDb =
 * MigratedMariaDb.moodleSubset("purpose");}. It exists before the test class's own
 * {@code @BeforeEach} methods run and is dropped after its {@code @AfterEach} methods, so those may
 * fill it and close what uses it.
 */
public final class MigratedMariaDb implements BeforeEachCallback, AfterEachCallback {

    private final String purpose;
    private final UnaryOperator<Database> schema;
    private TestDatabase testDatabase;
    private Database database;

    private MigratedMariaDb(String purpose, UnaryOperator<Database> schema) {
        this.purpose = purpose;
        this.schema = schema;
    }

    /** Moodle's subset of tables, empty. */
    public static MigratedMariaDb moodleSubset(String purpose) {
        return new MigratedMariaDb(purpose, TestSchemas::moodleSubset);
    }

    /** Moodle's subset and the plugin's tables, as an installed site has them. */
    public static MigratedMariaDb moodleSubsetAndPluginTables(String purpose) {
        return new MigratedMariaDb(purpose, TestSchemas::moodleSubsetAndPluginTables);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        testDatabase = TestDatabase.create(purpose);
        database = schema.apply(testDatabase.database());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (testDatabase != null) {
            testDatabase.close();
            testDatabase = null;
            database = null;
        }
    }

    /** The current test method's database, with the default table prefix. */
    public Database database() {
        if (database == null) {
            throw new IllegalStateException("there is a database only while a test method runs");
        }
        return database;
    }

    /** The same database, for statements a test sends as they are written. */
    public TestDatabase testDatabase() {
        if (testDatabase == null) {
            throw new IllegalStateException("there is a database only while a test method runs");
        }
        return testDatabase;
    }
}
