package com.flash.backoffice.portal.bench;

import com.flash.backoffice.portal.dev.EmbeddedTemporalServer;
import com.flash.backoffice.portal.testsupport.TestServers;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Temporal server a benchmark runs against: the Temporal CLI's dev server (the real Go server) when its
 * binary is already built in the cache {@code .ci/build-temporal-cli} fills, else the embedded Java test server.
 */
record BenchTemporal(String target, String description) {

    static BenchTemporal start() {
        Path binary = cacheDir().resolve("temporal-cli/v1.5.1/temporal");
        if (Files.isExecutable(binary)) {
            TemporalCliServer server = TemporalCliServer.shared();
            return new BenchTemporal(server.target(), "Temporal CLI dev server (real Go server, SQLite) " + binary);
        }
        EmbeddedTemporalServer server = EmbeddedTemporalServer.start(TestServers.freePort());
        return new BenchTemporal(
                server.target(),
                "embedded Java test server (no Temporal CLI binary at " + binary
                        + "; .ci/build-temporal-cli builds it)");
    }

    private static Path cacheDir() {
        String flash = System.getenv("FLASH_CACHE_DIR");
        if (flash != null) {
            return Path.of(flash);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("flash");
    }
}
