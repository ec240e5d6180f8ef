package alx.reportapi.report;

import org.eclipse.persistence.config.SessionCustomizer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.sessions.Session;

/**
 * Puts Moodle's table prefix in front of every entity's table, as Moodle's {@code {table}}
 * notation does for the JDBC code: the prefix is the site's and known only at run time.
 */
public class TablePrefixCustomizer implements SessionCustomizer {

    /** The persistence unit property that carries the prefix. */
    public static final String PREFIX_PROPERTY = "alx.table-prefix";

    @Override
    public void customize(Session session) {
        Object prefix = session.getProperty(PREFIX_PROPERTY);
        if (!(prefix instanceof String text) || text.isEmpty()) {
            return;
        }
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            for (DatabaseTable table : descriptor.getTables()) {
                if (!table.getName().startsWith(text)) {
                    table.setName(text + table.getName());
                }
            }
        }
    }
}
