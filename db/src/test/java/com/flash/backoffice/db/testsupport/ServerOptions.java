package com.flash.backoffice.db.testsupport;

import java.util.ArrayList;
import java.util.List;

final class ServerOptions {

    private ServerOptions() {}

    /** The same server settings for both kinds, so tests see the same behaviour either way. */
    static List<String> common(boolean temporary) {
        List<String> options = new ArrayList<>(List.of(
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci",
                "--default-time-zone=+00:00",
                "--skip-log-bin",
                "--skip-ssl",
                "--skip-performance-schema",
                "--innodb-buffer-pool-size=64M",
                "--max-connections=200"));
        if (temporary) {
            // Throw-away data: trade durability for speed.
            options.add("--innodb-flush-log-at-trx-commit=0");
            options.add("--innodb-doublewrite=0");
            options.add("--sync-binlog=0");
        }
        return options;
    }
}
