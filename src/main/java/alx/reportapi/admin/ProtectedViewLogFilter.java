package alx.reportapi.admin;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps Mojarra's record of a protected view opened without its token out of the log: Mojarra
 * logs it at SEVERE with the session's correct token and the one presented, before it throws.
 * {@link ExpiredAndProtectedViews} logs the event instead, naming the view and no token. Every
 * other record of that logger passes, through whatever filter it had before.
 */
@WebListener
public class ProtectedViewLogFilter implements ServletContextListener {

    /** Mojarra's lifecycle logger; held here, since the logging framework keeps loggers only weakly. */
    static final Logger MOJARRA_LIFECYCLE = Logger.getLogger("jakarta.enterprise.resource.webcontainer.faces.lifecycle");

    private Filter previous;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        previous = MOJARRA_LIFECYCLE.getFilter();
        Filter before = previous;
        MOJARRA_LIFECYCLE.setFilter(record -> !carriesTokens(record) && (before == null || before.isLoggable(record)));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        MOJARRA_LIFECYCLE.setFilter(previous);
    }

    static boolean carriesTokens(LogRecord record) {
        String message = record.getMessage();
        return message != null && message.contains("SecretKeyValue");
    }
}
