package dev.sigil.fleet.db;

import dev.sigil.fleet.core.concurrent.Threads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Database addresses that cannot be reached, the three ways a real one fails: <b>refused</b> (nothing listens: the
 * connect fails at once), <b>silent</b> (a server that accepts the TCP connection and never answers: the client waits
 * for the login) and <b>black hole</b> (new SYNs are dropped, as by a firewall or a host gone from the LAN: the TCP
 * connect itself hangs). The black hole is a listening socket that never accepts, whose accept queue has been filled
 * with connections, so the kernel drops further SYNs instead of answering them; it is checked when made (a probe
 * connect must time out). The tests and {@code fleet bench} use them to show what unreachable databases cost.
 */
public final class DeadServers implements AutoCloseable {

    private final ServerSocket silent;
    private final ServerSocket blackHole;
    private final List<Socket> held = new CopyOnWriteArrayList<>();

    private DeadServers() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        silent = new ServerSocket(0, 50, loopback);
        Thread acceptor = Threads.unstarted("silent-server", () -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, true);
        acceptor.start();
        blackHole = new ServerSocket(0, 1, loopback);
        fill(new InetSocketAddress(loopback, blackHole.getLocalPort()));
    }

    public static DeadServers start() throws IOException {
        return new DeadServers();
    }

    private void fill(InetSocketAddress address) throws IOException {
        for (int i = 0; i < 64; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(address, 300);
                held.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return;
            }
        }
        throw new IllegalStateException("the black hole's accept queue did not fill: connects to it would not hang");
    }

    /** Nothing listens on port 1: the connect is refused at once. */
    public String refusedUrl() {
        return "jdbc:postgresql://127.0.0.1:1/sigil";
    }

    /** Accepts the connection, then never says a word. */
    public String silentUrl() {
        return "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/sigil";
    }

    /** Drops the SYN: the TCP connect hangs until the client gives up. */
    public String blackHoleUrl() {
        return "jdbc:postgresql://127.0.0.1:" + blackHole.getLocalPort() + "/sigil";
    }

    @Override
    public void close() throws IOException {
        silent.close();
        blackHole.close();
        for (Socket socket : held) {
            socket.close();
        }
    }
}
