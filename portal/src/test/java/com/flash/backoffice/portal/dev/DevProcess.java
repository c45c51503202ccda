package com.flash.backoffice.portal.dev;

import com.flash.backoffice.portal.dev.keycloak.KeycloakServer;
import com.flash.backoffice.portal.testsupport.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run command's application ({@link DevFlashApplication}) in a child JVM on chosen ports, for the tests that stop,
 * starve or break it as production would see it. Its settings come from its own defaults alone, as on a fresh
 * machine; {@link #close()} kills what is left.
 */
public final class DevProcess implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    public static final String READY = "Flash back office is ready";

    private final Process process;
    private final Path log;
    private final Path home;
    private final Ports ports;

    public record Ports(int mariaDb, int temporal, int keycloak, int portal) {
        public static Ports free() {
            return new Ports(
                    TestServers.freePort(), TestServers.freePort(), TestServers.freePort(), TestServers.freePort());
        }

        public List<Integer> all() {
            return List.of(mariaDb, temporal, keycloak, portal);
        }
    }

    private DevProcess(Process process, Path log, Path home, Ports ports) {
        this.process = process;
        this.log = log;
        this.home = home;
        this.ports = ports;
    }

    /** Starts the application with its data under {@code home}/flash and its output in {@code log}. */
    public static DevProcess launch(Path home, Ports ports, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "-Dflash.dev.home=" + home.resolve("flash"),
                "-D" + KeycloakServer.KEYCLOAK_HOME_PROPERTY + "="
                        + System.getProperty(KeycloakServer.KEYCLOAK_HOME_PROPERTY),
                "-Dserver.port=" + ports.portal(),
                "-Dflash.dev.mariadb-port=" + ports.mariaDb(),
                "-Dflash.dev.temporal-port=" + ports.temporal(),
                "-Dflash.dev.keycloak-port=" + ports.keycloak(),
                "-Dvaadin.devmode.devTools.enabled=false",
                DevFlashApplication.class.getName()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the child decides from its own settings alone, as on a developer's fresh machine
        builder.environment().keySet().removeIf(name -> name.startsWith("FLASH_") || name.startsWith("SPRING_"));
        return new DevProcess(builder.start(), log, home, ports);
    }

    public Process process() {
        return process;
    }

    public Path log() {
        return log;
    }

    public Ports ports() {
        return ports;
    }

    /** Where the application keeps its MariaDB data ({@code DevServices}). */
    public Path mariaDbDataDir() {
        return home.resolve("flash").resolve("mariadb");
    }

    /** The MariaDB server process the application started, while it runs. */
    public Optional<ProcessHandle> mariaDbProcess() {
        return process.descendants()
                .filter(child -> child.info()
                        .command()
                        .map(command -> command.endsWith("mariadbd") || command.endsWith("mysqld"))
                        .orElse(false))
                .findFirst();
    }

    public void awaitLine(String text) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the application exited before '" + text + "':\n" + Files.readString(log));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no '" + text + "' within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    public static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
