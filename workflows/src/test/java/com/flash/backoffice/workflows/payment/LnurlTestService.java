package com.flash.backoffice.workflows.payment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 that answers as an LNURL-pay service does (LUD-06 pay request and callback,
 * LUD-16 well-known path), or with whatever raw body a test sets for a path. Records every request's path and
 * query.
 */
final class LnurlTestService implements AutoCloseable {

    /** Issues an invoice for a callback: the amount asked for and SHA-256 of the metadata, in hex. */
    @FunctionalInterface
    interface InvoiceIssuer {
        String issue(long amountMsat, String descriptionHashHex);
    }

    /** What a path answers: the status and body for a query string (null when there is none). */
    @FunctionalInterface
    interface Answer {
        Response answer(String query) throws Exception;
    }

    /** {@code location}: a redirect's target, else null. */
    record Response(int status, String body, String location) {
        Response(int status, String body) {
            this(status, body, null);
        }
    }

    static Response redirect(String location) {
        return new Response(302, "", location);
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    LnurlTestService() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The Lightning address whose well-known URL is this server's {@code /.well-known/lnurlp/<user>}. */
    String address(String user) {
        return user + "@127.0.0.1:" + server.getAddress().getPort();
    }

    /** The LNURL (bech32, upper case as in QR codes) of this server's {@code path}. */
    String lnurl(String path) {
        return Bech32Encoding.encode("lnurl", (base() + path).getBytes(StandardCharsets.UTF_8))
                .toUpperCase();
    }

    /**
     * Serves a LUD-06 pay request at {@code path} whose callback is {@code path + "/callback"} and answers it with
     * {@code {"pr": <issued>, "routes": []}}.
     */
    void payRequest(String path, long minSendable, long maxSendable, String metadata, InvoiceIssuer issuer) {
        String callback = base() + path + "/callback";
        answer(
                path,
                query -> ok("{\"callback\":" + quote(callback) + ",\"maxSendable\":" + maxSendable
                        + ",\"minSendable\":" + minSendable + ",\"metadata\":" + quote(metadata)
                        + ",\"tag\":\"payRequest\"}"));
        answer(path + "/callback", query -> {
            long amount = Long.parseLong(parameter(query, "amount"));
            String pr = issuer.issue(amount, LnurlPayResolver.sha256Hex(metadata));
            return ok("{\"pr\":" + quote(pr) + ",\"routes\":[]}");
        });
    }

    void answer(String path, Answer answer) {
        answers.put(path, answer);
    }

    void raw(String path, String body) {
        answer(path, query -> ok(body));
    }

    /** Every request so far as {@code path} or {@code path?query}. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    static Response ok(String body) {
        return new Response(200, body);
    }

    static String quote(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + query);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(query == null ? path : path + "?" + query);
        Answer answer = answers.get(path);
        Response response;
        try {
            response = answer == null ? new Response(404, "not found") : answer.answer(query);
        } catch (Exception e) {
            response = new Response(500, "test service failed: " + e);
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (response.location() != null) {
            exchange.getResponseHeaders().add("Location", response.location());
        }
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client gave up reading (a size limit): nothing to do
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
