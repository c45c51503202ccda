package com.flash.backoffice.portal.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server: the Temporal CLI's {@code server start-dev} (the Go server with SQLite and its
 * visibility store), built from its Go module by {@code .ci/build-temporal-cli} and started once per test JVM
 * on 127.0.0.1. Unlike the Java test server it answers visibility queries, as a cluster does.
 */
public final class TemporalDevServer {

    private static TemporalDevServer shared;

    private final Process process;
    private final int port;
    private final Path logFile;

    private TemporalDevServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    public static synchronized TemporalDevServer shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    private static TemporalDevServer start() {
        try {
            Path binary = build();
            Path dir = Files.createTempDirectory("flash-temporal-");
            Path logFile = dir.resolve("temporal.log");
            int port = TestServers.freePort();
            Process process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "server",
                            "start-dev",
                            "--headless",
                            "--ip",
                            "127.0.0.1",
                            "--port",
                            String.valueOf(port),
                            "--http-port",
                            String.valueOf(TestServers.freePort()),
                            "--metrics-port",
                            String.valueOf(TestServers.freePort()),
                            "--db-filename",
                            dir.resolve("temporal.db").toString(),
                            "--log-level",
                            "warn"))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            TemporalDevServer server = new TemporalDevServer(process, port, logFile);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "temporal-dev-stop"));
            server.awaitPort(Duration.ofSeconds(90));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path build() throws IOException {
        Process build = new ProcessBuilder(
                        "bash",
                        repositoryRoot().resolve(".ci/build-temporal-cli").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String binary = new String(build.getInputStream().readAllBytes()).strip();
        try {
            if (build.waitFor() != 0 || binary.isEmpty()) {
                throw new IllegalStateException("building the Temporal CLI failed: see the output above");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Path.of(binary);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(
                    "not inside the repository: no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private void awaitPort(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("temporal server exited: " + tail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        stop();
        throw new IllegalStateException("temporal server did not open port " + port + " in " + timeout + ": " + tail());
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(logFile);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
