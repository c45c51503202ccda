package com.flash.backoffice.workflows.rate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that replays recorded exchange API answers (files under {@code rates/} on the
 * test class path) by request path and query, or answers with a status, or after a delay. Anything not routed is a
 * 404, so a wrong URL shows up as a failed test rather than a silent pass.
 */
final class RateReplayServer implements AutoCloseable {

    record Reply(int status, String resource, String body, Duration delay) {

        static Reply file(String resource) {
            return new Reply(200, resource, null, Duration.ZERO);
        }

        static Reply status(int status, String body) {
            return new Reply(status, null, body, Duration.ZERO);
        }

        static Reply fileAfter(Duration delay, String resource) {
            return new Reply(200, resource, null, delay);
        }
    }

    private final HttpServer server;
    private final Map<String, Reply> routes = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    RateReplayServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    /** Routes {@code pathAndQuery} (e.g. {@code /kraken/0/public/Ticker?pair=XBTUSD}) to a reply. */
    RateReplayServer route(String pathAndQuery, Reply reply) {
        routes.put(pathAndQuery, reply);
        return this;
    }

    /** The base URL of a provider served under {@code prefix}, e.g. {@code http://127.0.0.1:port/kraken}. */
    URI base(String prefix) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String key = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(key);
            Reply reply = routes.get(key);
            if (reply == null) {
                send(exchange, 404, ("no recorded answer for " + key).getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (reply.delay().isPositive()) {
                try {
                    Thread.sleep(reply.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] body =
                    reply.resource() == null ? reply.body().getBytes(StandardCharsets.UTF_8) : read(reply.resource());
            send(exchange, reply.status(), body);
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = RateReplayServer.class.getResourceAsStream("/rates/" + resource)) {
            if (in == null) {
                throw new IOException("no fixture rates/" + resource);
            }
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
