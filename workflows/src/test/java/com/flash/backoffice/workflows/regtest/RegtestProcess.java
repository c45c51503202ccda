package com.flash.backoffice.workflows.regtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One daemon started by the harness: its PID, its log file, and a TERM-then-KILL stop. */
public final class RegtestProcess {
    private final String name;
    private final Process process;
    private final Path log;

    private RegtestProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    static RegtestProcess start(String name, List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Files.writeString(
                log,
                "# " + String.join(" ", command) + System.lineSeparator(),
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return new RegtestProcess(name, builder.start(), log);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM to this PID, waits up to {@code graceSeconds}, then SIGKILL. */
    public void stop(long graceSeconds) {
        ProcessHandle handle = process.toHandle();
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of this process's log, for failure messages. */
    public String tail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return String.join(System.lineSeparator(), last);
        } catch (IOException | RuntimeException e) {
            return "(no log at " + file + ": " + e + ")";
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + (isAlive() ? "" : ", exited " + process.exitValue()) + ", log " + log + "]";
    }
}
