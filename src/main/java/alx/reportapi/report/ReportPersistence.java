package alx.reportapi.report;

import alx.reportapi.db.Database;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The report API's persistence unit, bootstrapped with EclipseLink on the product's own database
 * and table prefix: one per {@link Database}, closed with it. Transactions are the unit's own
 * (resource-local), committed when the work returns and rolled back when it throws.
 */
public final class ReportPersistence implements AutoCloseable {

    static final String UNIT = "local_alx_report_api";
    static final String DESCRIPTOR = "META-INF/alx-report-api-persistence.xml";
    private static final String WILDFLY_ARCHIVE_FACTORY = "org.jipijapa.eclipselink.JBossArchiveFactoryImpl";
    private static final String ARCHIVE_FACTORY_PROPERTY = "eclipselink.archive.factory";

    private final EntityManagerFactory factory;

    public ReportPersistence(Database database) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.ECLIPSELINK_PERSISTENCE_XML, DESCRIPTOR);
        properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, database.dataSource());
        properties.put(PersistenceUnitProperties.CLASSLOADER, ReportPersistence.class.getClassLoader());
        // One session per database: two deployments or test databases never share one.
        properties.put(PersistenceUnitProperties.SESSION_NAME, UNIT + "@" + System.identityHashCode(database));
        properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, TablePrefixCustomizer.class.getName());
        properties.put(TablePrefixCustomizer.PREFIX_PROPERTY, database.prefix().value());
        wildFlyArchives().ifPresent(factory -> properties.put(ARCHIVE_FACTORY_PROPERTY, factory));
        factory = new PersistenceProvider().createEntityManagerFactory(UNIT, properties);
        if (factory == null) {
            throw new IllegalStateException("EclipseLink did not find the persistence unit " + UNIT + " in " + DESCRIPTOR);
        }
    }

    /**
     * On WildFly the WAR's classes are served from its virtual file system (vfs: URLs), which
     * EclipseLink reads through the archive factory WildFly's org.eclipse.persistence module
     * ships; elsewhere EclipseLink's own reads file and jar URLs.
     */
    private static Optional<String> wildFlyArchives() {
        try {
            Class.forName(WILDFLY_ARCHIVE_FACTORY, false, ReportPersistence.class.getClassLoader());
            return Optional.of(WILDFLY_ARCHIVE_FACTORY);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Runs {@code work} in a transaction of its own. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager manager = factory.createEntityManager();
        EntityTransaction transaction = manager.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(manager);
            transaction.commit();
            return result;
        } catch (RuntimeException | Error e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw e;
        } finally {
            manager.close();
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
