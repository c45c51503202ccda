package com.flash.backoffice.workflows.watch;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Polls both watchers on one background thread every {@code interval}; started and stopped with the application
 * context (late in start-up, early in shutdown). A failed poll is logged and retried on the next tick.
 */
public class WatcherRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WatcherRunner.class);

    private final ChainWatcher chainWatcher;
    private final LightningWatcher lightningWatcher;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public WatcherRunner(ChainWatcher chainWatcher, LightningWatcher lightningWatcher, Duration interval) {
        this.chainWatcher = chainWatcher;
        this.lightningWatcher = lightningWatcher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("flash-watchers").daemon().factory());
        executor.scheduleWithFixedDelay(this::pollBoth, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("chain and Lightning watchers started, polling every {}", interval);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
        closeQuietly(chainWatcher);
        closeQuietly(lightningWatcher);
        log.info("chain and Lightning watchers stopped");
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Starts last and stops first, after and before everything it signals through. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void pollBoth() {
        try {
            chainWatcher.pollOnce();
        } catch (RuntimeException e) {
            log.warn("chain watcher poll failed; retrying on the next tick", e);
        }
        try {
            lightningWatcher.pollOnce();
        } catch (RuntimeException e) {
            log.warn("Lightning watcher poll failed; retrying on the next tick", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("closing a watcher failed", e);
        }
    }
}
