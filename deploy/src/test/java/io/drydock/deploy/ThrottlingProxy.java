package io.drydock.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder on loopback that delivers the target's bytes at a bounded rate: a slow registry, so that a test can
 * act while an analyzer is still downloading a layer.
 */
final class ThrottlingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final long bytesPerSecond;

    ThrottlingProxy(InetSocketAddress target, long bytesPerSecond) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        Thread.ofVirtual().start(this::accept);
    }

    String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                Thread.ofVirtual().start(() -> pump(client, upstream, Long.MAX_VALUE));
                Thread.ofVirtual().start(() -> pump(upstream, client, bytesPerSecond));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, long rate) {
        byte[] buffer = new byte[16 * 1024];
        long started = System.nanoTime();
        long sent = 0;
        try (from; to; InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                sent += n;
                if (rate != Long.MAX_VALUE) {
                    // Hold the pace: the bytes so far may not arrive earlier than the rate allows.
                    long due = started + TimeUnit.SECONDS.toNanos(1) * sent / rate;
                    long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        TimeUnit.NANOSECONDS.sleep(ahead);
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side went away: the connection is over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
