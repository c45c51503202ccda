package com.flash.backoffice.portal.dev.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak (the Maven Central distribution) started as a child process in dev mode with the
 * {@code flash} realm imported from {@code /keycloak/flash-realm.json}. Development and tests only.
 *
 * <p>The distribution folder is a shared cache, so each instance runs from its own home under
 * {@code <dataDir>/home}: small folders are copied, the 168 MB {@code lib/lib} is a symbolic link.
 * Keycloak reads the realm from {@code <home>/data/import} and writes its re-augmented build into
 * {@code <home>/lib/quarkus}; neither writes into the distribution. The re-augmented build (about 40 s
 * here) is kept next to the distribution ({@code <keycloakHome>.flash-dev-build}) and reused by new
 * instance homes.
 *
 * <p>Redirect URIs: Keycloak accepts a registered {@code http://127.0.0.1/*} or {@code
 * http://localhost/*} for any port on that host (RFC 8252 §7.3 loopback rule), so the realm file is
 * static and the portal may run on any port of 127.0.0.1 or localhost; other hosts are refused.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "flash";
    public static final String CLIENT_ID = "portal";
    /** Development only: the realm file and the portal's dev configuration share it. */
    public static final String CLIENT_SECRET = "flash-portal-dev-secret";

    public static final String ADMIN_USERNAME = "admin";
    /** Development only: the bootstrap admin of the {@code master} realm. */
    public static final String ADMIN_PASSWORD = "admin";

    static final String REALM_RESOURCE = "/keycloak/flash-realm.json";

    /** System property that surefire sets to the unpacked distribution. */
    public static final String KEYCLOAK_HOME_PROPERTY = "flash.keycloak.home";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;
    /** Build-time options this class starts Keycloak with: a re-augmented build is reused only for these. */
    private static final String BUILD_KEY = "start-dev health-enabled=true db=dev-file";

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost");

    private static KeycloakServer sharedInstance;
    private static Options sharedOptions;

    private final Options options;
    private final Process process;
    private final int httpPort;
    private final Path logFile;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    /**
     * Where and how to run.
     *
     * @param keycloakHome the unpacked distribution ({@code keycloak-26.7.3}), never written to
     * @param dataDir this instance's folder: home copy, H2 database, temp files, {@code keycloak.log}
     * @param httpPort the HTTP port on 127.0.0.1, 0 for a free one
     * @param portalBaseUrls the portal's base URLs ({@code http://127.0.0.1:8080}); checked against
     *     the realm's loopback redirect URIs
     * @param freshData delete the database first, so the realm file is imported again
     * @param realmFile the realm to import; null for the development realm on the classpath
     * @param environment more variables for Keycloak, such as those the realm file's placeholders name
     */
    public record Options(
            Path keycloakHome,
            Path dataDir,
            int httpPort,
            List<String> portalBaseUrls,
            boolean freshData,
            Path realmFile,
            Map<String, String> environment) {

        public Options {
            Objects.requireNonNull(keycloakHome, "keycloakHome");
            Objects.requireNonNull(dataDir, "dataDir");
            keycloakHome = keycloakHome.toAbsolutePath().normalize();
            dataDir = dataDir.toAbsolutePath().normalize();
            portalBaseUrls = List.copyOf(portalBaseUrls);
            realmFile = realmFile == null ? null : realmFile.toAbsolutePath().normalize();
            environment = Map.copyOf(environment);
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("httpPort out of range: " + httpPort);
            }
        }

        /** The development realm, no extra environment. */
        public Options(Path keycloakHome, Path dataDir, int httpPort, List<String> portalBaseUrls, boolean freshData) {
            this(keycloakHome, dataDir, httpPort, portalBaseUrls, freshData, null, Map.of());
        }

        /**
         * The test defaults: the distribution from {@value #KEYCLOAK_HOME_PROPERTY}, fresh data under
         * {@code target/keycloak-it}, a free port.
         */
        public static Options forTests() {
            return new Options(
                    keycloakHomeFromSystemProperty(),
                    Path.of("target", "keycloak-it"),
                    0,
                    List.of("http://127.0.0.1", "http://localhost"),
                    true);
        }

        public Options withFreshData(boolean fresh) {
            return new Options(keycloakHome, dataDir, httpPort, portalBaseUrls, fresh, realmFile, environment);
        }

        /** Imports {@code realm} instead of the development realm, with {@code variables} set for Keycloak. */
        public Options withRealm(Path realm, Map<String, String> variables) {
            return new Options(keycloakHome, dataDir, httpPort, portalBaseUrls, freshData, realm, variables);
        }
    }

    private KeycloakServer(Options options, Process process, int httpPort, Path logFile) {
        this.options = options;
        this.process = process;
        this.httpPort = httpPort;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stopQuietly, "keycloak-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * One instance per JVM with {@link Options#forTests()}: Keycloak's first start costs about a
     * minute here, so test classes share it. It stops when the JVM exits.
     */
    public static KeycloakServer shared() {
        return shared(Options.forTests());
    }

    /**
     * One instance per JVM. A later call with other options gets an exception; after {@link #stop()}
     * the next call starts it again on the same data (no fresh import).
     */
    public static synchronized KeycloakServer shared(Options options) {
        if (sharedInstance != null) {
            if (!sharedOptions.equals(options)) {
                throw new IllegalStateException(
                        "The shared Keycloak already runs with " + sharedOptions + ", not " + options);
            }
            if (!sharedInstance.isRunning()) {
                // on the same port: application contexts started before keep the issuer URI they were given
                sharedInstance = start(new Options(
                        options.keycloakHome(),
                        options.dataDir(),
                        sharedInstance.httpPort(),
                        options.portalBaseUrls(),
                        false,
                        options.realmFile(),
                        options.environment()));
            }
            return sharedInstance;
        }
        sharedInstance = start(options);
        sharedOptions = options;
        return sharedInstance;
    }

    /** Starts Keycloak and waits until the {@code flash} realm answers; fails after about 300 s. */
    public static KeycloakServer start(Options options) {
        checkPortalBaseUrls(options.portalBaseUrls());
        Path dist = options.keycloakHome();
        if (!Files.isRegularFile(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + dist + " (bin/kc.sh missing). "
                    + "The portal build unpacks it: run through Maven, or set -D" + KEYCLOAK_HOME_PROPERTY + ".");
        }
        try {
            Path dataDir = Files.createDirectories(options.dataDir());
            killLeftover(dataDir);
            Path home = prepareHome(dist, dataDir);
            Path db = dataDir.resolve("db");
            if (options.freshData()) {
                deleteRecursively(db);
                deleteRecursively(home.resolve("data"));
            }
            Path importDir = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = options.realmFile() == null
                    ? KeycloakServer.class.getResourceAsStream(REALM_RESOURCE)
                    : Files.newInputStream(options.realmFile())) {
                if (realm == null) {
                    throw new IllegalStateException("Realm file " + REALM_RESOURCE + " not on the classpath");
                }
                Files.copy(realm, importDir.resolve("flash-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
            int httpPort = options.httpPort() == 0 ? freePort() : options.httpPort();
            int managementPort = freePort();
            awaitFree(httpPort);
            Path logFile = dataDir.resolve("keycloak.log");
            if (Files.exists(logFile)) {
                Files.move(logFile, dataDir.resolve("keycloak.previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--http-host=127.0.0.1",
                            "--http-port=" + httpPort,
                            "--http-management-port=" + managementPort,
                            "--import-realm",
                            "--db-url=jdbc:h2:file:" + db.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE")
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            configureEnvironment(builder.environment(), tmp);
            builder.environment().putAll(options.environment());

            Instant begin = Instant.now();
            KeycloakServer server = new KeycloakServer(options, builder.start(), httpPort, logFile);
            Files.writeString(dataDir.resolve("keycloak.pid"), Long.toString(server.process.pid()));
            try {
                server.awaitReady(begin);
            } catch (RuntimeException | Error e) {
                server.stopQuietly();
                throw e;
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Keycloak ready at {0} in {1} ms (data {2}, log {3})",
                    server.baseUrl(),
                    Duration.between(begin, Instant.now()).toMillis(),
                    dataDir,
                    logFile);
            saveDevBuild(dist, home);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start in " + options.dataDir(), e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The OIDC issuer: {@code <baseUrl>/realms/flash}. */
    public String issuerUri() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String clientId() {
        return CLIENT_ID;
    }

    public String clientSecret() {
        return CLIENT_SECRET;
    }

    public String adminUsername() {
        return ADMIN_USERNAME;
    }

    public String adminPassword() {
        return ADMIN_PASSWORD;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public Options options() {
        return options;
    }

    public boolean isRunning() {
        return !stopped && process.isAlive();
    }

    /**
     * Sends TERM to {@code kc.sh} and its children (the Keycloak JVM), waits up to 30 s, then kills
     * what is left. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // called from the hook itself
        }
        Instant begin = Instant.now();
        List<ProcessHandle> all = new ArrayList<>();
        all.add(process.toHandle());
        process.descendants().forEach(all::add);
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_TIMEOUT);
        for (ProcessHandle handle : all) {
            Duration left = Duration.between(Instant.now(), deadline);
            try {
                handle.onExit().get(Math.max(left.toMillis(), 1), TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                // killed below
            }
        }
        for (ProcessHandle handle : all) {
            handle.descendants().forEach(ProcessHandle::destroyForcibly);
            handle.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(options.dataDir().resolve("keycloak.pid"));
            LOG.log(
                    System.Logger.Level.INFO,
                    "Keycloak at {0} stopped in {1} ms",
                    baseUrl(),
                    Duration.between(begin, Instant.now()).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // only a stale pid file
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Leaves stopping to the caller, who must {@link #stop()} it after the application that uses it. */
    public void stopOnlyWhenClosed() {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    @Override
    public String toString() {
        return "KeycloakServer[" + baseUrl() + ", data " + options.dataDir() + ", pid " + process.pid() + "]";
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // best effort on the way out
        }
    }

    private void awaitReady(Instant begin) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI discovery = URI.create(issuerUri() + "/.well-known/openid-configuration");
        Instant deadline = begin.plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before it was ready. Log " + logFile + ":\n" + logTail());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(discovery)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Keycloak did not answer " + discovery + " within " + START_TIMEOUT.toSeconds()
                + " s. Log " + logFile + ":\n" + logTail());
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(logFile, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void checkPortalBaseUrls(List<String> portalBaseUrls) {
        for (String baseUrl : portalBaseUrls) {
            URI uri = URI.create(baseUrl);
            if (!"http".equals(uri.getScheme()) || !LOOPBACK_HOSTS.contains(uri.getHost())) {
                throw new IllegalArgumentException("Portal base URL " + baseUrl + " is not covered by the realm's"
                        + " redirect URIs: the realm allows http://127.0.0.1 and http://localhost on any port");
            }
        }
    }

    private static void configureEnvironment(Map<String, String> env, Path tmp) {
        // kc.sh and Keycloak read these: the caller's values must not change the server
        env.keySet()
                .removeIf(name -> name.startsWith("KC_")
                        || name.startsWith("KEYCLOAK_")
                        || name.startsWith("JAVA_OPTS")
                        || name.startsWith("QUARKUS_")
                        || List.of("JAVA", "JAVA_ADD_OPENS", "JAVA_LOCALE", "DEBUG", "DEBUG_PORT", "PRINT_ENV")
                                .contains(name));
        env.put("JAVA_HOME", javaHome().toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("KC_HEALTH_ENABLED", "true");
        env.put("JAVA_OPTS_APPEND", "-Djava.io.tmpdir=" + tmp);
    }

    /** The running JDK when it is 21+, else the newest JDK 21+ under /usr/lib/jvm. */
    static Path javaHome() {
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        try (Stream<Path> candidates = Files.list(jvms)) {
            return candidates
                    .filter(dir -> Files.isExecutable(dir.resolve("bin/java")))
                    .filter(dir -> javaFeatureVersion(dir) >= 21)
                    .max(Comparator.comparingInt(KeycloakServer::javaFeatureVersion))
                    .orElseThrow(() -> new IllegalStateException("Keycloak needs Java 21+: this JVM is "
                            + Runtime.version() + " and " + jvms + " has no JDK 21+"));
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak needs Java 21+: this JVM is " + Runtime.version(), e);
        }
    }

    private static int javaFeatureVersion(Path javaHome) {
        try (Stream<String> lines = Files.lines(javaHome.resolve("release"))) {
            return lines.filter(line -> line.startsWith("JAVA_VERSION="))
                    .findFirst()
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> Integer.parseInt(version.split("[.+-]")[0]))
                    .orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * This instance's home: a copy of the distribution's small folders with {@code lib/lib} linked,
     * rebuilt when the distribution changes. {@code lib/quarkus} comes from the saved dev build when
     * there is one, so Keycloak need not re-augment.
     */
    private static Path prepareHome(Path dist, Path dataDir) throws IOException {
        Path home = dataDir.resolve("home");
        Path marker = home.resolve(".flash-home");
        String identity =
                dist + "\n" + Files.readString(dist.resolve("version.txt")).strip() + "\n" + BUILD_KEY;
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(identity)) {
            return home;
        }
        deleteRecursively(home);
        Files.createDirectories(home);
        try (DirectoryStream<Path> top = Files.newDirectoryStream(dist)) {
            for (Path entry : top) {
                String name = entry.getFileName().toString();
                if (!name.equals("lib") && !name.equals("data")) {
                    copyRecursively(entry, home.resolve(name));
                }
            }
        }
        Path lib = Files.createDirectories(home.resolve("lib"));
        try (DirectoryStream<Path> libEntries = Files.newDirectoryStream(dist.resolve("lib"))) {
            for (Path entry : libEntries) {
                String name = entry.getFileName().toString();
                if (name.equals("lib")) {
                    Files.createSymbolicLink(lib.resolve(name), entry);
                } else if (name.equals("quarkus")) {
                    Path devBuild = devBuildDir(dist);
                    boolean saved = Files.isRegularFile(devBuild.resolve(".build-key"))
                            && Files.readString(devBuild.resolve(".build-key")).equals(BUILD_KEY);
                    copyRecursively(saved ? devBuild.resolve("quarkus") : entry, lib.resolve(name));
                } else {
                    copyRecursively(entry, lib.resolve(name));
                }
            }
        }
        Files.writeString(marker, identity);
        return home;
    }

    /** Keeps the re-augmented {@code lib/quarkus} for the next new home (written once, atomically). */
    private static void saveDevBuild(Path dist, Path home) {
        Path devBuild = devBuildDir(dist);
        if (Files.exists(devBuild)) {
            return;
        }
        Path staging = devBuild.resolveSibling(
                devBuild.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            deleteRecursively(staging);
            copyRecursively(home.resolve("lib/quarkus"), staging.resolve("quarkus"));
            Files.writeString(staging.resolve(".build-key"), BUILD_KEY);
            Files.move(staging, devBuild, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
            // another run saved it first
        } catch (IOException e) {
            // only an optimisation
        } finally {
            try {
                deleteRecursively(staging);
            } catch (IOException ignored) {
                // leftover staging folder
            }
        }
    }

    private static Path devBuildDir(Path dist) {
        return dist.resolveSibling(dist.getFileName() + ".flash-dev-build");
    }

    /** A Keycloak left running by a JVM that died without its shutdown hook holds the H2 file: end it. */
    private static void killLeftover(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("keycloak.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> leftover;
        try {
            leftover = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
        } catch (NumberFormatException e) {
            leftover = Optional.empty();
        }
        leftover.filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info()
                        .commandLine()
                        .map(line -> line.contains(dataDir.toString()))
                        .orElse(false))
                .ifPresent(handle -> {
                    List<ProcessHandle> all =
                            new ArrayList<>(handle.descendants().toList());
                    all.add(handle);
                    all.forEach(ProcessHandle::destroy);
                    all.forEach(h -> {
                        try {
                            h.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                        } catch (Exception e) {
                            h.destroyForcibly();
                        }
                    });
                });
        Files.deleteIfExists(pidFile);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** A port just given up by a stopped Keycloak may take a moment to be free again. */
    private static void awaitFree(int port) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!isFree(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for port " + port, e);
            }
        }
    }

    private static boolean isFree(int port) {
        try (Socket ignored = new Socket()) {
            ignored.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static void copyRecursively(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(path, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a tree without following symbolic links (the home links the shared {@code lib/lib}). */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** The distribution that the portal build unpacked, from {@value #KEYCLOAK_HOME_PROPERTY}. */
    public static Path keycloakHomeFromSystemProperty() {
        String home = System.getProperty(KEYCLOAK_HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("System property " + KEYCLOAK_HOME_PROPERTY + " is not set: the portal"
                    + " build (surefire) sets it to the unpacked Keycloak distribution");
        }
        return Path.of(home);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Keycloak", e);
        }
    }
}
