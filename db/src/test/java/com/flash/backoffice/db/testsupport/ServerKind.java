package com.flash.backoffice.db.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

enum ServerKind {
    SYSTEM {
        @Override
        RunningDatabase start(Path dataDir, int port, boolean temporary) {
            return SystemMariaDb.start(dataDir, port, temporary);
        }
    },
    EMBEDDED {
        @Override
        RunningDatabase start(Path dataDir, int port, boolean temporary) {
            return EmbeddedMariaDb.start(dataDir, port, temporary);
        }
    };

    abstract RunningDatabase start(Path dataDir, int port, boolean temporary);

    static ServerKind choose(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "system" -> SYSTEM;
            case "embedded" -> EMBEDDED;
            case "auto" -> Files.isExecutable(SystemMariaDb.SERVER) ? SYSTEM : EMBEDDED;
            default ->
                throw new IllegalArgumentException(
                        MariaDbServer.MODE_PROPERTY + " must be auto, system or embedded, not '" + mode + "'");
        };
    }

    /** Root may only run mariadbd when told so explicitly. */
    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
