package alx.reportapi.batchhistory;

import alx.reportapi.Plugin;
import jakarta.batch.operations.JobOperator;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Recognises the batch runtime by the class of its JobOperator. The JBeret store names JBeret's
 * types, so it is loaded by name, and only where JBeret is the runtime: on Payara its class is
 * never resolved.
 */
final class HistoryStores {

    private static final Logger LOG = Logger.getLogger(HistoryStores.class.getName());
    private static final String JBERET_STORE = "alx.reportapi.batchhistory.JBeretHistoryStore";
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private HistoryStores() {
    }

    static Optional<HistoryStore> forOperator(JobOperator operator) {
        if (isFrom(operator.getClass(), "org.jberet.")) {
            return Optional.of(load(JBERET_STORE, operator));
        }
        if (isFrom(operator.getClass(), "com.ibm.jbatch.")) {
            return Optional.of(new JBatchHistoryStore(JBatchRepositoryConfig.of(operator)));
        }
        if (WARNED.compareAndSet(false, true)) {
            LOG.warning(() -> Plugin.LOG_PREFIX + "retention: the batch runtime's history cannot be purged on this"
                    + " server: its JobOperator " + operator.getClass().getName() + " is neither JBeret nor IBM JBatch");
        }
        return Optional.empty();
    }

    /** Whether the class or one of its superclasses lives in the package. */
    static boolean isFrom(Class<?> type, String packagePrefix) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith(packagePrefix)) {
                return true;
            }
        }
        return false;
    }

    private static HistoryStore load(String className, JobOperator operator) {
        try {
            return Class.forName(className).asSubclass(HistoryStore.class)
                    .getDeclaredConstructor(JobOperator.class).newInstance(operator);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load " + className + " on this server", e);
        }
    }
}
