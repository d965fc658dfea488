package io.tickettriage.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay in front of a test server: records what the client sent, and {@link #silence()} makes it drop every byte
 * the way a NAT that forgot the connection does, telling neither end.
 */
final class Relay implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final StringBuffer sent = new StringBuffer();
    private volatile boolean silent;

    Relay(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String sent() {
        return sent.toString();
    }

    void silence() {
        silent = true;
    }

    private void accept() {
        try {
            while (true) {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pipe(client, upstream, true));
                Thread.ofVirtual().start(() -> pipe(upstream, client, false));
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (fromClient) {
                    sent.append(new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII));
                }
                if (!silent) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // either end closed
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
