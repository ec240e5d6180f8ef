package alx.reportapi.testing;

import alx.reportapi.db.Database;
import alx.reportapi.db.TablePrefix;
import com.mysql.cj.jdbc.MysqlDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database of its own on the real MariaDB (127.0.0.1:3306, root, no password unless the
 * {@code it.db.*} system properties say otherwise), dropped on {@link #close()}.
 * <p>
 * If MariaDB is not running, {@link #create(String)} fails loudly with a message saying how to start
 * it: these tests never skip.
 */
public final class TestDatabase implements AutoCloseable {

    private static final int STATEMENT_TIMEOUT_SECONDS = 60;

    private final String name;
    private final MysqlDataSource dataSource;

    private TestDatabase(String name) {
        this.name = name;
        this.dataSource = dataSource(name);
    }

    /** Creates {@code alx_test_<purpose>_<random>}. */
    public static TestDatabase create(String purpose) {
        String name = ("alx_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase().replaceAll("[^a-z0-9_]", "_");
        executeOnServer("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return new TestDatabase(name);
    }

    /**
     * A database an earlier run created and kept (a benchmark's loaded site, to measure again without
     * loading it again); {@link #close()} drops it like any other.
     */
    public static TestDatabase existing(String name) {
        if (!name.matches("alx_test_[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a test database's name: " + name);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public MysqlDataSource dataSource() {
        return dataSource;
    }

    public Database database(TablePrefix prefix) {
        return new Database(dataSource, prefix);
    }

    public Database database() {
        return database(new TablePrefix(TablePrefix.DEFAULT));
    }

    /** The JDBC URL an application under test connects with. */
    public String url() {
        return serverUrl() + name + "?useSSL=false&allowPublicKeyRetrieval=true";
    }

    public static String user() {
        return System.getProperty("it.db.user", "root");
    }

    public static String password() {
        return System.getProperty("it.db.password", "");
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The first column of the first row {@code sql} answers, as a number; a query with no row fails. */
    public long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery(sql)) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row answered: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Runs one statement in this database, as a test's set-up or damage does. */
    public void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        executeOnServer("DROP DATABASE IF EXISTS " + name);
    }

    public static String host() {
        return System.getProperty("it.db.host", "127.0.0.1");
    }

    public static int port() {
        return Integer.parseInt(System.getProperty("it.db.port", "3306"));
    }

    private static String serverUrl() {
        return "jdbc:mysql://" + System.getProperty("it.db.host", "127.0.0.1") + ":"
                + System.getProperty("it.db.port", "3306") + "/";
    }

    private static MysqlDataSource dataSource(String database) {
        MysqlDataSource source = new MysqlDataSource();
        source.setURL(serverUrl() + database + "?useSSL=false&allowPublicKeyRetrieval=true");
        source.setUser(user());
        source.setPassword(password());
        return source;
    }

    private static void executeOnServer(String sql) {
        try (Connection connection = dataSource("").getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB is required at " + serverUrl() + " as " + user()
                    + " and did not answer (" + e.getMessage() + "). Start it with: start-stop-daemon --start"
                    + " --oknodo --background --exec /usr/sbin/mariadbd", e);
        }
    }
}
