package com.flash.backoffice.workflows.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A JSON-RPC endpoint on 127.0.0.1 serving one block over HTTP as a full node does: {@code getblockcount},
 * {@code getblockhash} and {@code getblock} answer from bodies encoded once, so the benchmark times the client.
 */
final class BlockRpcServer implements AutoCloseable {

    private final HttpServer server;
    private final byte[] getblock;
    private final byte[] getblockhash;
    private final byte[] getblockcount;

    BlockRpcServer(String blockJson) throws IOException {
        getblock = answer(blockJson);
        getblockhash = answer("\"" + SyntheticBlock.HASH + "\"");
        getblockcount = answer(Long.toString(SyntheticBlock.HEIGHT));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            byte[] body = request.contains("\"getblock\"")
                    ? getblock
                    : request.contains("\"getblockhash\"") ? getblockhash : getblockcount;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    int blockBytes() {
        return getblock.length;
    }

    private static byte[] answer(String resultJson) {
        return ("{\"result\":" + resultJson + ",\"error\":null,\"id\":\"1\"}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
