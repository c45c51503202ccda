package com.flash.backoffice.db.testsupport;

/** A started MariaDB process, whichever way it was started. */
interface RunningDatabase {

    String description();

    boolean isAlive();

    /** The last lines of the server's error log, for start-up failure messages. */
    String logTail();

    /** Idempotent; waits for a clean shutdown, then kills. */
    void stop();

    /** As a crash would end it (SIGKILL where the process is the machine's mariadbd); its data stays. */
    default void kill() {
        stop();
    }
}
