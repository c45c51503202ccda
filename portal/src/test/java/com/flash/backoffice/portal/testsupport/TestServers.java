package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.dev.EmbeddedTemporalServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** The real servers the portal's tests share, started once per test JVM: MariaDB and Temporal. */
public final class TestServers {

    private static String jdbcUrl;
    private static EmbeddedTemporalServer temporal;
    private static java.nio.file.Path reportsDirectory;

    private TestServers() {}

    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            jdbcUrl = MariaDbServer.shared().createDatabase("portal_it");
        }
        return jdbcUrl;
    }

    public static MariaDbServer mariaDb() {
        return MariaDbServer.shared();
    }

    public static synchronized String temporalTarget() {
        if (temporal == null) {
            temporal = EmbeddedTemporalServer.start(freePort());
        }
        return temporal.target();
    }

    /** A fresh temporary directory per test JVM for the kept files of background report exports. */
    public static synchronized java.nio.file.Path reportsDirectory() {
        if (reportsDirectory == null) {
            try {
                reportsDirectory = java.nio.file.Files.createTempDirectory("flash-reports-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return reportsDirectory;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
