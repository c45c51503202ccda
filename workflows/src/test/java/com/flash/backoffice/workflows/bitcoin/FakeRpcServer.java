package com.flash.backoffice.workflows.bitcoin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON-RPC endpoint on 127.0.0.1 answering canned bodies per method. In btcd mode it behaves as btcd does
 * where btcd differs: a request without {@code "jsonrpc"} gets HTTP 200 with an empty body, and a boolean
 * {@code getblock} verbosity is refused.
 */
final class FakeRpcServer implements AutoCloseable {

    private static final Pattern METHOD = Pattern.compile("\"method\"\\s*:\\s*\"([a-z]+)\"");

    private final HttpServer server;
    private final boolean btcd;
    final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    record Answer(int status, String body) {}

    FakeRpcServer(boolean btcd) throws IOException {
        this.btcd = btcd;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(request);
            Answer answer = answer(request);
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Answers {@code method} with {@code {"result": <resultJson>, "error": null, "id": ...}}. */
    FakeRpcServer result(String method, String resultJson) {
        answers.put(method, new Answer(200, "{\"result\":" + resultJson + ",\"error\":null,\"id\":\"1\"}"));
        return this;
    }

    FakeRpcServer error(String method, int httpStatus, int code, String message) {
        answers.put(
                method,
                new Answer(
                        httpStatus,
                        "{\"result\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message
                                + "\"},\"id\":\"1\"}"));
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private Answer answer(String request) {
        if (btcd && !request.contains("\"jsonrpc\"")) {
            return new Answer(200, "");
        }
        Matcher method = METHOD.matcher(request);
        if (!method.find()) {
            return new Answer(400, "");
        }
        if (btcd
                && method.group(1).equals("getblock")
                && request.matches("(?s).*\"params\"\\s*:\\s*\\[[^]]*(true|false).*")) {
            return new Answer(
                    200,
                    "{\"result\":null,\"error\":{\"code\":-1,\"message\":\"parameter #2 'verbosity' must be type int"
                            + " (got bool)\"},\"id\":\"1\"}");
        }
        return answers.getOrDefault(
                method.group(1),
                new Answer(
                        200,
                        "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":\"1\"}"));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
