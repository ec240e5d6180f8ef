package alx.reportapi.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A TCP proxy between the product and MariaDB that a test can break: cut every open connection
 * (mid-statement, as a network fault or a database restart does), refuse new ones, or go silent
 * (stall: nothing moves, nothing is closed). Its threads are
 * bounded: two per proxied connection, at most {@link #MAX_CONNECTIONS} connections; one more is
 * closed at once, as a database at its connection limit would.
 */
public final class FaultProxy implements AutoCloseable {

    /** Above any pool the product opens in a test (8) plus the test's own connections. */
    public static final int MAX_CONNECTIONS = 40;
    private static final Logger LOG = Logger.getLogger(FaultProxy.class.getName());

    /** What the proxy does with traffic. */
    public enum Mode {
        /** Forwards everything. */
        PASS,
        /** Closes every new connection at once: "connection refused" as the driver sees it. */
        REFUSE,
        /**
         * A network gone silent without a reset: connections are accepted and stay open, but no
         * byte moves either way, on open connections and new ones. The bytes are held, not lost:
         * they move on once the mode is {@link #PASS} again, as after a network that recovers.
         */
        STALL
    }

    /** How long one pump holds its bytes in a stall before it gives the connection up. */
    private static final long LONGEST_STALL_MILLIS = 15 * 60 * 1000L;

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final ThreadPoolExecutor pumps;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS;
    private volatile boolean closed;

    public FaultProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress("127.0.0.1", 0));
        this.pumps = new ThreadPoolExecutor(2 * MAX_CONNECTIONS, 2 * MAX_CONNECTIONS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1), runnable -> {
                    Thread thread = new Thread(runnable, "fault-proxy-pump");
                    thread.setDaemon(true);
                    return thread;
                });
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy in front of the test MariaDB. */
    public static FaultProxy toTestDatabase() throws IOException {
        return new FaultProxy(TestDatabase.host(), TestDatabase.port());
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code jdbcUrl} with its host and port replaced by this proxy's. */
    public String proxiedUrl(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port() + "/");
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode next) {
        LOG.info(() -> "fault proxy: " + mode + " -> " + next);
        this.mode = next;
    }

    /** Closes every open connection at once, in both directions, whatever it was doing. */
    public int cutAll() {
        int cut = 0;
        for (Socket socket : open) {
            closeQuietly(socket);
            cut++;
        }
        open.clear();
        int count = cut;
        LOG.info(() -> "fault proxy: cut " + count + " socket(s)");
        return cut;
    }

    /** Connections currently open through the proxy (client sides). */
    public int openConnections() {
        return open.size() / 2;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warning("fault proxy: accept failed: " + e);
                }
                return;
            }
            if (mode == Mode.REFUSE || open.size() >= 2 * MAX_CONNECTIONS) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                open.add(client);
                open.add(server);
                pumps.execute(() -> pump(client, server));
                pumps.execute(() -> pump(server, client));
            } catch (IOException | RejectedExecutionException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies bytes one way until either side closes or is cut. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                holdWhileStalled();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException closedUnderUs) {
            // cut, or the other side closed
        } catch (IOException e) {
            LOG.fine(() -> "fault proxy: " + e);
        } finally {
            open.remove(from);
            open.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Waits while the mode is {@link Mode#STALL}; gives up (closing the connection) after the longest stall. */
    private void holdWhileStalled() throws IOException {
        long deadline = System.currentTimeMillis() + LONGEST_STALL_MILLIS;
        while (mode == Mode.STALL && !closed) {
            if (System.currentTimeMillis() > deadline) {
                throw new IOException("stalled for longer than " + LONGEST_STALL_MILLIS + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted in a stall", e);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        closeQuietly(listener);
        cutAll();
        pumps.shutdownNow();
        pumps.awaitTermination(10, TimeUnit.SECONDS);
        acceptor.join(10_000);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
