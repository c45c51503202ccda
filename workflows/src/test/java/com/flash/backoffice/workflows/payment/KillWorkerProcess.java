package com.flash.backoffice.workflows.payment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One kill-test worker JVM as the test drives it (its main prints {@link #READY} once built, starts polling when
 * stdin says {@link #GO}, and exits when stdin closes): launched on the test's classpath with the test's java
 * binary, its stdout read for {@code READY} and the kill markers (all of it also goes to its log file), told to
 * start polling, and SIGKILLed.
 */
public final class KillWorkerProcess {

    public static final String READY = "READY";
    public static final String GO = "GO";
    /** The plan of a worker that stops nowhere. */
    public static final String NO_PLAN = "NONE";

    private static final int SIGKILL_EXIT = 128 + 9;

    private final String plan;
    private final Process process;
    private final Path log;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final BlockingQueue<String> markers = new LinkedBlockingQueue<>();
    private final List<String> resends = new CopyOnWriteArrayList<>();

    private KillWorkerProcess(String plan, Process process, Path log) {
        this.plan = plan;
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "kill-worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main} with the kill plan {@code plan} ({@link #NO_PLAN} for none). */
    public static KillWorkerProcess launch(Class<?> main, String plan, Map<String, String> environment, Path log) {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                plan));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return new KillWorkerProcess(plan, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the kill-test worker", e);
        }
    }

    public String plan() {
        return plan;
    }

    public long pid() {
        return process.pid();
    }

    public void awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "worker " + pid() + " (" + plan + ") was not ready in " + timeout + "; see " + log);
        }
    }

    /** Lets the worker poll its task queues. */
    public void go() {
        try {
            OutputStream stdin = process.getOutputStream();
            stdin.write((GO + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + pid() + " is gone; see " + log, e);
        }
    }

    /** The next kill marker, {@code KILLPOINT <step> <paymentId>}. */
    public Optional<String> awaitMarker(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(markers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The markers printed so far and not yet taken. */
    public List<String> drainMarkers() {
        List<String> drained = new ArrayList<>();
        markers.drainTo(drained);
        return drained;
    }

    /** The payments this worker sent although the node had them already (it never should). */
    public List<String> resends() {
        return List.copyOf(resends);
    }

    /** SIGKILL (what {@link Process#destroyForcibly()} sends on Linux); returns the exit status, 137 for a SIGKILL. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("worker " + pid() + " outlived its SIGKILL");
        }
        return process.exitValue();
    }

    public static boolean killedBySigkill(int exitValue) {
        return exitValue == SIGKILL_EXIT;
    }

    /** Ends the worker the polite way (stdin closed), or with a SIGKILL when it does not go. */
    public void stop() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // it is exiting anyway
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void readStdout() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(KillStep.MARKER + " ")) {
                    markers.add(line);
                } else if (line.startsWith(KillStep.RESEND + " ")) {
                    resends.add(line);
                } else if (line.equals(READY)) {
                    ready.countDown();
                }
                if (!line.equals(READY)) {
                    Files.writeString(
                            log,
                            line + System.lineSeparator(),
                            StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            }
        } catch (IOException e) {
            // the process died: the pipe closed under the reader
        }
    }
}
