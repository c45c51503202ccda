package com.flash.backoffice.workflows.testsupport;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal server for tests: the Temporal CLI's {@code server start-dev} (the Go server with its SQLite
 * persistence and visibility store), built from its Go module by {@code .ci/build-temporal-cli} and started on
 * 127.0.0.1 with free ports. Unlike the Java test server it answers visibility queries and keeps its state in a
 * database file, so it can be stopped and started again on the same port and file, as a cluster restarts.
 *
 * <pre>{@code
 * String target = TemporalCliServer.shared().target();          // one per JVM, stopped at JVM exit
 * TemporalCliServer server = TemporalCliServer.start(dir.resolve("temporal.db"));
 * server.stop();                                                // TERM, wait, then KILL
 * server.restart();                                             // same port, same database file
 * }</pre>
 */
public final class TemporalCliServer implements AutoCloseable {

    public static final String NAMESPACE = "default";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 40;
    private static final int PORT_BUSY_ATTEMPTS = 5;
    private static TemporalCliServer shared;

    private final Path binary;
    private final Path databaseFile;
    private final Path logFile;
    private final int port;
    private final int httpPort;
    private final int metricsPort;
    private Process process;

    private TemporalCliServer(Path binary, Path databaseFile, Path logFile) {
        this.binary = binary;
        this.databaseFile = databaseFile;
        this.logFile = logFile;
        this.port = freePort();
        this.httpPort = freePort();
        this.metricsPort = freePort();
    }

    /** The JVM-wide server for tests that only need a real Temporal: a temporary database, stopped at exit. */
    public static synchronized TemporalCliServer shared() {
        if (shared == null) {
            try {
                shared = start(Files.createTempDirectory("flash-temporal-").resolve("temporal.db"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary folder for the Temporal server", e);
            }
        }
        return shared;
    }

    /**
     * Starts a server that keeps its state in {@code databaseFile} (created when missing, reused otherwise) and
     * logs beside it; it is stopped by {@link #stop()}, {@link #close()} or at JVM exit.
     */
    public static TemporalCliServer start(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the folder of " + file, e);
        }
        TemporalCliServer server =
                new TemporalCliServer(build(), file, file.resolveSibling(file.getFileName() + ".log"));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "temporal-cli-stop-" + server.port));
        server.launch();
        return server;
    }

    /** The frontend's gRPC address, {@code 127.0.0.1:<port>}, for {@code WorkflowServiceStubsOptions}. */
    /** New stubs to this server's frontend; the caller shuts them down. */
    public WorkflowServiceStubs newServiceStubs() {
        return WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    }

    /** A client of this server's namespace over {@code stubs}. */
    public static io.temporal.client.WorkflowClient client(WorkflowServiceStubs stubs) {
        return io.temporal.client.WorkflowClient.newInstance(
                stubs,
                io.temporal.client.WorkflowClientOptions.newBuilder()
                        .setNamespace(NAMESPACE)
                        .build());
    }

    public String target() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path databaseFile() {
        return databaseFile;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The server's process id while it runs. */
    public synchronized long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("the Temporal server is not running");
        }
        return process.pid();
    }

    /** Stops the server as an operator would: SIGTERM, then SIGKILL if it is still alive after a grace period. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        ProcessHandle handle = process.toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops the server if it runs and starts it again on the same ports with the same database file. */
    public synchronized void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the server's log (both runs when it was restarted), for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(
                    System.lineSeparator(), lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ": " + e.getMessage() + ")";
        }
    }

    private synchronized void launch() {
        if (isRunning()) {
            throw new IllegalStateException("the Temporal server on " + target() + " is already running");
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (int attempt = 1; ; attempt++) {
            long logOffset = logSize();
            process = spawn();
            try {
                awaitReady(deadline);
                return;
            } catch (RuntimeException e) {
                boolean portBusy = !process.isAlive() && logSince(logOffset).contains("address already in use");
                stop();
                if (!portBusy || attempt >= PORT_BUSY_ATTEMPTS || Instant.now().isAfter(deadline)) {
                    throw e;
                }
                sleep(1_000); // a socket still holds the port for a moment after the previous run
            }
        }
    }

    private Process spawn() {
        List<String> command = List.of(
                binary.toString(),
                "server",
                "start-dev",
                "--headless",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--http-port",
                String.valueOf(httpPort),
                "--metrics-port",
                String.valueOf(metricsPort),
                "--db-filename",
                databaseFile.toString(),
                "--log-level",
                "warn",
                // a write-ahead log synced at checkpoints, not a journal synced at every commit: the test MariaDB is
                // run the same way (innodb_flush_log_at_trx_commit=0); a test server need not survive a power cut
                "--sqlite-pragma",
                "journal_mode=WAL",
                "--sqlite-pragma",
                "synchronous=NORMAL");
        try {
            Files.writeString(
                    logFile,
                    "# " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + binary, e);
        }
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private String logSince(long offset) {
        try {
            byte[] all = Files.readAllBytes(logFile);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The port opens before the server is done starting; it is ready once it describes the default namespace. */
    private void awaitReady(Instant deadline) {
        awaitPort(deadline);
        WorkflowServiceStubs stubs = newServiceStubs();
        try {
            RuntimeException last = null;
            while (Instant.now().isBefore(deadline)) {
                checkAlive();
                try {
                    stubs.blockingStub()
                            .withDeadlineAfter(2, TimeUnit.SECONDS)
                            .describeNamespace(DescribeNamespaceRequest.newBuilder()
                                    .setNamespace(NAMESPACE)
                                    .build());
                    return;
                } catch (RuntimeException notYet) {
                    last = notYet;
                    sleep(200);
                }
            }
            throw new IllegalStateException("the Temporal server on " + target() + " did not serve namespace "
                    + NAMESPACE + " in " + START_TIMEOUT + " (" + last + "):" + System.lineSeparator() + logTail());
        } finally {
            stubs.shutdownNow();
        }
    }

    private void awaitPort(Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            checkAlive();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("the Temporal server did not open port " + port + " in " + START_TIMEOUT + ":"
                + System.lineSeparator() + logTail());
    }

    private void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the Temporal server exited with " + process.exitValue() + ":"
                    + System.lineSeparator() + logTail());
        }
    }

    private static Path build() {
        Path script = repositoryRoot().resolve(".ci/build-temporal-cli");
        try {
            Process build = new ProcessBuilder("bash", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (build.waitFor() != 0 || output.isEmpty()) {
                throw new IllegalStateException(
                        script + " failed (exit " + build.exitValue() + "): see its output above");
            }
            Path binary =
                    Path.of(output.lines().reduce((first, second) -> second).orElseThrow());
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(script + " printed " + binary + ", which is not an executable");
            }
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the Temporal CLI", e);
        }
    }

    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository: no mvnw in " + start + " or above");
    }

    /**
     * A free port below the kernel's ephemeral range: no outgoing connection (of this JVM, of the server's own
     * clients, or of another build on the machine) can take it while the server is down for a restart.
     */
    private static int freePort() {
        int ephemeralLow = ephemeralPortRangeStart();
        int low = Math.max(1024, ephemeralLow - 20_000);
        for (int attempt = 0; attempt < 100 && ephemeralLow > low; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(low, ephemeralLow);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate), 1);
                return candidate;
            } catch (IOException taken) {
                // try another one
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** Linux's first ephemeral port; read line by line, as {@code Files.readString} may come back short on /proc. */
    private static int ephemeralPortRangeStart() {
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            int start = Integer.parseInt(reader.readLine().strip().split("\\s+")[0]);
            return start > 2048 ? start : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768; // Linux's default; other systems start higher (49152)
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Temporal server", e);
        }
    }
}
