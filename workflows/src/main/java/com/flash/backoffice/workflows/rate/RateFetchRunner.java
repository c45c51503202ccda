package com.flash.backoffice.workflows.rate;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Fetches the rates on one background thread every {@code interval}, started and stopped with the application. */
public class RateFetchRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RateFetchRunner.class);

    private final RateFetcher fetcher;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public RateFetchRunner(RateFetcher fetcher, Duration interval) {
        this.fetcher = fetcher;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("flash-rates").daemon().factory());
        executor.scheduleWithFixedDelay(this::fetch, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("exchange rates fetched every {}", interval);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("the rate fetch did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void fetch() {
        try {
            fetcher.fetchOnce();
        } catch (RuntimeException e) {
            log.warn("fetching exchange rates failed; retrying on the next round", e);
        }
    }
}
