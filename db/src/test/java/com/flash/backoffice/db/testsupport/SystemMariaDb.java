package com.flash.backoffice.db.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The machine's MariaDB ({@code apt-get install mariadb-server}), run as a child process. */
final class SystemMariaDb implements RunningDatabase {

    static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Logger log = LoggerFactory.getLogger(SystemMariaDb.class);

    private final Process process;
    private final Path dataDir;
    private final Path errorLog;
    private final boolean temporary;
    private boolean stopped;

    private SystemMariaDb(Process process, Path dataDir, Path errorLog, boolean temporary) {
        this.process = process;
        this.dataDir = dataDir;
        this.errorLog = errorLog;
        this.temporary = temporary;
    }

    static RunningDatabase start(Path dataDir, int port, boolean temporary) {
        if (!Files.isExecutable(SERVER)) {
            throw new IllegalStateException(SERVER + " is not installed (apt-get install mariadb-server), or use "
                    + "-D" + MariaDbServer.MODE_PROPERTY + "=embedded");
        }
        Path data = dataDir.resolve("data");
        Path errorLog = dataDir.resolve("mariadb.err");
        if (!Files.isDirectory(data.resolve("mysql"))) {
            installSystemTables(data, dataDir.resolve("install.log"));
        }
        List<String> command = new ArrayList<>(List.of(
                SERVER.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--port=" + port,
                "--bind-address=127.0.0.1",
                "--socket=" + socketPath(dataDir, port),
                "--pid-file=" + dataDir.resolve("mariadbd.pid"),
                "--log-error=" + errorLog,
                "--tmpdir=" + System.getProperty("java.io.tmpdir")));
        command.addAll(ServerOptions.common(temporary));
        if (ServerKind.runningAsRoot()) {
            command.add("--user=root");
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("mariadbd.out").toFile())
                    .start();
            log.debug("started {}", command);
            return new SystemMariaDb(process, dataDir, errorLog, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + SERVER, e);
        }
    }

    private static void installSystemTables(Path data, Path installLog) {
        List<String> command = new ArrayList<>(List.of(
                INSTALL_DB.toString(),
                "--no-defaults",
                "--datadir=" + data,
                "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        if (ServerKind.runningAsRoot()) {
            command.add("--user=root");
        }
        try {
            Files.createDirectories(data);
            Process install = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(installLog.toFile())
                    .start();
            if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
                install.destroyForcibly();
                throw new IllegalStateException("mariadb-install-db failed for " + data + ":\n" + tail(installLog));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + INSTALL_DB, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while initialising " + data, e);
        }
    }

    /** Unix socket paths are limited to 107 bytes; a deep project folder would exceed it. */
    private static Path socketPath(Path dataDir, int port) {
        Path inDataDir = dataDir.resolve("mariadbd.sock");
        return inDataDir.toString().length() < 100
                ? inDataDir
                : Path.of(System.getProperty("java.io.tmpdir"), "flash-mariadb-" + port + ".sock");
    }

    @Override
    public String description() {
        return "mariadbd " + SERVER;
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String logTail() {
        return tail(errorLog) + tail(dataDir.resolve("mariadbd.out"));
    }

    @Override
    public synchronized void kill() {
        stopped = true;
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                log.warn("mariadbd did not stop within 30 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        if (temporary) {
            TempDirs.deleteQuietly(dataDir);
        }
    }

    static String tail(Path file) {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")\n";
        }
    }
}
