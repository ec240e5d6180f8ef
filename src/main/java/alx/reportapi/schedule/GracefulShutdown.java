package alx.reportapi.schedule;

import alx.reportapi.Plugin;
import alx.reportapi.ShutdownTrace;
import alx.reportapi.reporting.RunOutcome;
import alx.reportapi.sync.RunSnapshot;
import alx.reportapi.sync.RunningSyncs;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * When the server stops or the application is undeployed, a running sync stops at a chunk
 * boundary, releases the lock and is recorded as stopped (README, Behavior 12). A servlet context
 * listener rather than an EJB's {@code @PreDestroy}, because Payara Micro stops web modules on
 * SIGTERM but does not destroy singleton EJBs. It returns only once every run has ended or has been
 * forced to: the server closes the application's connection pool right after, and the run's own end
 * (on the batch runtime's thread, which a stopping server may already have told to stop) needs it to
 * release the lock and record the outcome. A run the batch runtime stopped by itself when the JVM
 * began to exit may have ended before this listener is called; it is then not running any more,
 * which means its end is recorded. Its steps go to {@link ShutdownTrace}, whose watch of the JVM's
 * exit lives as long as the application.
 */
@WebListener
public class GracefulShutdown implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(GracefulShutdown.class.getName());
    /** Servers give shutdown a limited time; a chunk commits well within this. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    @Inject
    RunningSyncs runningSyncs;

    @Inject
    SyncControl control;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ShutdownTrace.watchJvmExit();
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        try {
            stopRunningSyncs();
        } finally {
            ShutdownTrace.unwatchJvmExit();
        }
    }

    private void stopRunningSyncs() {
        List<RunSnapshot> running = runningSyncs.all();
        ShutdownTrace.note(LOG, Plugin.LOG_PREFIX + "the application is stopping; runs on this node: "
                + running.size());
        for (RunSnapshot run : running) {
            String log = Plugin.logPrefix(run.executionId());
            ShutdownTrace.step(LOG, log + "the server is stopping; stopping this run at a chunk boundary");
            try {
                boolean ended = control.stopOrForce(run.executionId(), "server shutdown", STOP_WAIT,
                        RunOutcome.STOPPED, "the server stopped");
                ShutdownTrace.step(LOG, log + (ended ? "the run ended and recorded its end"
                        : "the run did not end within " + STOP_WAIT.toSeconds() + " s: recorded as stopped, its lock freed"));
            } catch (InterruptedException e) {
                ShutdownTrace.step(LOG, log + "interrupted while waiting for the run to end; its lock stays until"
                        + " this node's next start frees it");
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                ShutdownTrace.step(LOG, log + "could not stop it cleanly at shutdown: " + e);
            }
        }
    }
}
