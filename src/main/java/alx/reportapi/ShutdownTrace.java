package alx.reportapi;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Log lines about the application's shutdown that must survive it. While Payara Micro stops, the
 * JVM's own shutdown hook closes every log handler at the same time as the server stops the
 * application, so such lines reach the log only by chance; each is therefore also written straight
 * to the process's standard error (the service manager's journal, a test node's log file), which
 * stays open until the process exits. Each such line carries the time and the thread that wrote it.
 * <p>
 * A run can end on its own thread while the JVM exits (Payara's batch runtime stops its jobs when
 * the JVM begins to exit, before the application is told): {@link #watchJvmExit} registers a hook
 * that notes the exit's start, and from then on {@link #note} writes to standard error too.
 */
public final class ShutdownTrace {

    private static final FileOutputStream STANDARD_ERROR = new FileOutputStream(FileDescriptor.err);
    private static final Logger LOG = Logger.getLogger(ShutdownTrace.class.getName());
    private static volatile boolean jvmExiting;
    private static Thread exitHook;

    private ShutdownTrace() {
    }

    /** Logs {@code line} at INFO and writes it, with the time and thread, to standard error; never fails. */
    public static void step(Logger log, String line) {
        log.info(line);
        byte[] bytes = (Instant.now() + " " + line + " (thread " + Thread.currentThread().getName() + ")"
                + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        synchronized (STANDARD_ERROR) {
            try {
                STANDARD_ERROR.write(bytes);
            } catch (IOException closed) {
                // nobody can read the line any more
            }
        }
    }

    /** Logs {@code line} at INFO; once the JVM has begun to exit, as a {@link #step} of the shutdown. */
    public static void note(Logger log, String line) {
        if (jvmExiting) {
            step(log, line);
        } else {
            log.info(line);
        }
    }

    /** At deployment: notes the start of the JVM's exit, whoever started it (a signal, {@code System.exit}). */
    public static synchronized void watchJvmExit() {
        if (exitHook != null) {
            return;
        }
        exitHook = new Thread(() -> {
            jvmExiting = true;
            step(LOG, Plugin.LOG_PREFIX + "the JVM is exiting");
        }, "alx-jvm-exit-trace");
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    /**
     * At undeployment: removes the hook, so that the JVM does not keep the application's classes
     * after it is gone. During the JVM's exit the hook stays (the JVM refuses the removal).
     */
    public static synchronized void unwatchJvmExit() {
        if (exitHook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
            exitHook = null;
        } catch (IllegalStateException exiting) {
            // the hooks are running: nothing outlives the JVM
        }
    }
}
