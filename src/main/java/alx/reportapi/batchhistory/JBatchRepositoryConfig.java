package alx.reportapi.batchhistory;

import jakarta.batch.operations.JobOperator;

import java.util.Properties;

/**
 * Where Payara's IBM JBatch keeps its history: the data source's JNDI name, the schema and the
 * table prefix and suffix of {@code batch-runtime-configuration}. Payara registers them with the
 * JBatch SPI ({@code com.ibm.jbatch.spi.BatchSPIManager}) at start-up, and its persistence manager
 * reads them from there too, so this reads the very values in use. The SPI is reached through the
 * JobOperator's own class loader, since Payara does not export it to applications.
 */
record JBatchRepositoryConfig(String jndiName, String schema, String tablePrefix, String tableSuffix) {

    private static final String SPI_MANAGER = "com.ibm.jbatch.spi.BatchSPIManager";
    private static final String SPI_DATABASE = "com.ibm.jbatch.spi.DatabaseConfigurationBean";

    static JBatchRepositoryConfig of(JobOperator operator) {
        try {
            ClassLoader jbatch = operator.getClass().getClassLoader();
            Class<?> managerClass = Class.forName(SPI_MANAGER, true, jbatch);
            // Payara registers a private subclass; its getters are called through the public SPI type.
            Class<?> databaseClass = Class.forName(SPI_DATABASE, true, jbatch);
            Object manager = managerClass.getMethod("getInstance").invoke(null);
            Object database = managerClass.getMethod("getFinalDatabaseConfiguration").invoke(manager);
            Properties overrides = (Properties) managerClass.getMethod("getBatchContainerOverrideProperties")
                    .invoke(manager);
            String jndiName = (String) databaseClass.getMethod("getJndiName").invoke(database);
            String schema = (String) databaseClass.getMethod("getSchema").invoke(database);
            if (jndiName == null || jndiName.isBlank()) {
                throw new IllegalStateException("JBatch has no batch data source configured");
            }
            return new JBatchRepositoryConfig(jndiName, schema == null ? "" : schema,
                    property(overrides, "payara.jbatch.table.prefix"), property(overrides, "payara.jbatch.table.suffix"));
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read JBatch's batch runtime configuration", e);
        }
    }

    private static String property(Properties properties, String name) {
        return properties == null ? "" : properties.getProperty(name, "");
    }

    /** A JBatch table's name as this configuration spells it, e.g. JOBINSTANCEDATA. */
    String table(String baseName) {
        return tablePrefix + baseName + tableSuffix;
    }
}
