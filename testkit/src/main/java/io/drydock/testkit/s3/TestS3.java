package io.drydock.testkit.s3;

import com.robothy.netty.initializer.HttpServerInitializer;
import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import com.robothy.s3.rest.handler.LocalS3RouterFactory;
import com.robothy.s3.rest.service.ServiceFactory;

import io.drydock.testkit.LocalServers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A real S3-compatible server for integration tests: LocalS3 ({@code io.github.robothy:local-s3-rest}, Apache-2.0, a
 * Netty server keeping objects in memory) on {@code 127.0.0.1}, one per JVM. It implements PutObject, multipart
 * uploads, GetObject, HeadObject, ListObjectsV2 and DeleteObject as S3 does, but it does <b>not check request
 * signatures</b>: any credentials are accepted. The signer is tested against AWS's published examples instead.
 *
 * <pre>{@code
 * TestS3 s3 = TestS3.shared();
 * String bucket = s3.createBucket();     // a fresh bucket per test: http://127.0.0.1:<port>/<bucket>
 * }</pre>
 *
 * <p>{@code LocalS3.start()} binds every interface; tests keep their servers on loopback, so this starts LocalS3's
 * own request router on a Netty server bound to 127.0.0.1.
 */
public final class TestS3 {

    private static final Object SHARED_LOCK = new Object();
    private static TestS3 shared;

    private final int port;
    private final Channel channel;
    private final EventLoopGroup[] groups;
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestS3(int port, Channel channel, EventLoopGroup... groups) {
        this.port = port;
        this.channel = channel;
        this.groups = groups;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "test-s3-" + port + "-shutdown"));
    }

    /** The server all tests of this JVM share, started on first use and stopped when the JVM exits. */
    public static TestS3 shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.channel.isActive()) {
                shared = LocalServers.startRetryingTakenPorts("LocalS3", () -> start(LocalServers.freeLoopbackPort()));
            }
            return shared;
        }
    }

    /** {@code http://127.0.0.1:<port>}, the endpoint to give an S3 client (path-style addressing). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Creates a bucket with a fresh name and returns the name. */
    public String createBucket() {
        String bucket = "drydock-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint().resolve("/" + bucket))
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("LocalS3 refused to create bucket " + bucket + ": "
                        + response.statusCode() + " " + response.body());
            }
            return bucket;
        } catch (IOException e) {
            throw new IllegalStateException("LocalS3 at " + endpoint() + " is not answering", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a bucket", e);
        }
    }

    private static TestS3 start(int port) {
        ServiceFactory services = serviceFactory();
        EventLoopGroup parent = new NioEventLoopGroup(1);
        EventLoopGroup child = new NioEventLoopGroup(2);
        DefaultEventLoopGroup executor = new DefaultEventLoopGroup(4);
        try {
            Channel channel = new ServerBootstrap()
                    .group(parent, child)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new HttpServerInitializer(executor, LocalS3RouterFactory.create(services)))
                    .bind(InetAddress.getLoopbackAddress(), port)
                    .sync()
                    .channel();
            return new TestS3(port, channel, parent, child, executor);
        } catch (Exception e) {
            parent.shutdownGracefully();
            child.shutdownGracefully();
            executor.shutdownGracefully();
            if (e instanceof BindException) {
                throw new LocalServers.PortTakenException("LocalS3", "127.0.0.1:" + port);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("LocalS3 did not start on 127.0.0.1:" + port, e);
        }
    }

    /**
     * LocalS3's in-memory services, wired as {@code LocalS3.start()} wires them; that method is private, so it is
     * called reflectively (the price of binding loopback only).
     */
    private static ServiceFactory serviceFactory() {
        LocalS3 localS3 = LocalS3.builder().mode(LocalS3Mode.IN_MEMORY).build();
        try {
            Method create = LocalS3.class.getDeclaredMethod("createServiceFactory");
            create.setAccessible(true);
            return (ServiceFactory) create.invoke(localS3);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this LocalS3 version wires its services differently; "
                    + "TestS3 follows local-s3-rest 2.4", e);
        }
    }

    private void stop() {
        channel.close().awaitUninterruptibly();
        for (EventLoopGroup group : groups) {
            group.shutdownGracefully();
        }
    }
}
