package com.flash.backoffice.portal.dev;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server in this JVM, in real time (no time skipping), on 127.0.0.1 only. The portal
 * talks to it over gRPC exactly as to a Temporal cluster. It keeps nothing on disk: workflows end with it.
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalServer.class);

    private final TestServicesStarter services;
    private final Server server;
    private final Thread stopAtExit;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
        this.stopAtExit = new Thread(this::close, "temporal-stop-" + server.getPort());
    }

    /** Leaves stopping to the caller, who must {@link #close()} it after the application that uses it. */
    public void stopOnlyWhenClosed() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
    }

    public static EmbeddedTemporalServer start(int port) {
        long started = System.nanoTime();
        // lockTimeSkipping = true: time runs as the wall clock does, as on a real server
        TestServicesStarter services = new TestServicesStarter(true, 0);
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        services.getServices().forEach(builder::addService);
        try {
            Server server = builder.build().start();
            EmbeddedTemporalServer temporal = new EmbeddedTemporalServer(services, server);
            Runtime.getRuntime().addShutdownHook(temporal.stopAtExit);
            log.info(
                    "Temporal (embedded test server, in-memory) ready on 127.0.0.1:{} in {} ms",
                    server.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return temporal;
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("could not start the embedded Temporal server on port " + port, e);
        }
    }

    public String target() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        if (!server.isShutdown()) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            services.close();
        }
    }
}
