package com.flash.backoffice.portal.payout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A request stores and reserves the payout, then starts its workflow; should the start fail (Temporal unreachable,
 * the process stopped), the payout would wait forever with its money reserved. Once a minute (where workers run),
 * payouts still at their request after a minute get their workflow started. A payout waiting for its approval is
 * still at its request too: for it the start finds the running workflow and changes nothing (idempotent by id).
 */
@Component
class UnstartedPayouts implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(UnstartedPayouts.class);
    static final Duration GRACE = Duration.ofMinutes(1);

    private final PayoutService payouts;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    UnstartedPayouts(PayoutService payouts, @Value("${flash.workers.enabled:true}") boolean workers) {
        this.payouts = payouts;
        this.enabled = workers;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("unstarted-payouts").daemon().factory());
        executor.scheduleWithFixedDelay(this::sweep, 10, 60, TimeUnit.SECONDS);
    }

    void sweep() {
        try {
            int started = payouts.startUnstarted(Instant.now().minus(GRACE));
            if (started > 0) {
                LOG.warn("Started the workflows of {} payout(s) whose start had not happened", started);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not start the workflows of unstarted payouts (next try in a minute): {}", e.getMessage());
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
