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
 * stays open until the process exits.
 */
public final class ShutdownTrace {

    private static final FileOutputStream STANDARD_ERROR = new FileOutputStream(FileDescriptor.err);

    private ShutdownTrace() {
    }

    /** Logs {@code line} at INFO and writes it, with the time, to standard error; never fails. */
    public static void step(Logger log, String line) {
        log.info(line);
        byte[] bytes = (Instant.now() + " " + line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
        synchronized (STANDARD_ERROR) {
            try {
                STANDARD_ERROR.write(bytes);
            } catch (IOException closed) {
                // nobody can read the line any more
            }
        }
    }
}
