package alx.reportapi.batchhistory;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Payara: IBM JBatch has no API that deletes part of its history (its persistence manager only
 * purges a whole application), and Payara's {@code clean-jbatch-repository} command deletes with
 * SQL from the batch data source's tables. This does the same, but per job instance, in one
 * transaction, and only after the database confirms that every execution of the instance has
 * finished before the cutoff. Unlike the command it also removes the instance's checkpoints,
 * whose key starts with the instance id.
 */
final class JBatchHistoryStore implements HistoryStore {

    private static final int STATEMENT_TIMEOUT_SECONDS = 60;

    private final JBatchRepositoryConfig config;
    private final JBatchStatements sql;

    JBatchHistoryStore(JBatchRepositoryConfig config) {
        this.config = config;
        this.sql = new JBatchStatements(config);
    }

    @Override
    public int remove(String jobName, PurgeCandidate candidate, Instant cutoff) throws SQLException, NamingException {
        try (Connection connection = dataSource().getConnection()) {
            useSchema(connection);
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                int removed = remove(connection, jobName, candidate.instanceId(), Timestamp.from(cutoff));
                connection.commit();
                return removed;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private int remove(Connection connection, String jobName, long instanceId, Timestamp cutoff) throws SQLException {
        if (count(connection, sql.instanceOfJob(), instanceId, jobName) != 1
                || count(connection, sql.executionsNotFinishedBefore(), instanceId, cutoff) != 0) {
            return 0;
        }
        update(connection, sql.deleteStepStatuses(), instanceId);
        update(connection, sql.deleteStepExecutions(), instanceId);
        update(connection, sql.deleteCheckpoints(), instanceId + ",%");
        int executions = update(connection, sql.deleteExecutions(), instanceId);
        update(connection, sql.deleteJobStatus(), instanceId);
        update(connection, sql.deleteInstance(), instanceId, jobName);
        return executions;
    }

    private DataSource dataSource() throws NamingException {
        return (DataSource) new InitialContext().lookup(config.jndiName());
    }

    /**
     * As JBatch does: its tables may live in the configured schema, but only when that schema
     * exists (Payara's default "APP" does not on its H2 pools, where the tables are in the default).
     */
    private void useSchema(Connection connection) throws SQLException {
        if (config.schema().isBlank() || !schemaExists(connection, config.schema())) {
            return;
        }
        connection.setSchema(config.schema());
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (ResultSet schemas = connection.getMetaData().getSchemas()) {
            while (schemas.next()) {
                if (schema.equalsIgnoreCase(schemas.getString("TABLE_SCHEM"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int count(Connection connection, String statementSql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, statementSql, parameters);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static int update(Connection connection, String statementSql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, statementSql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String statementSql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(statementSql);
        statement.setQueryTimeout(STATEMENT_TIMEOUT_SECONDS);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    @Override
    public String runtime() {
        return "IBM JBatch (" + config.jndiName() + ")";
    }
}
