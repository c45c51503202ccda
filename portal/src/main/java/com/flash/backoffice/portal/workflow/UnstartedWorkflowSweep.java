package com.flash.backoffice.portal.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * A request that stores its record, then starts its workflow, would wait forever (with its money reserved) should the
 * start fail (Temporal unreachable, the process stopped). Once a minute, where workers run, records still at their
 * request after a minute get their workflow started; for one whose workflow runs, the start changes nothing
 * (idempotent by id).
 */
public abstract class UnstartedWorkflowSweep implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(UnstartedWorkflowSweep.class);
    public static final Duration GRACE = Duration.ofMinutes(1);

    private final String what;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    protected UnstartedWorkflowSweep(String what, boolean workersEnabled) {
        this.what = what;
        this.enabled = workersEnabled;
    }

    /** Starts the workflows of the records requested before {@code requestedBefore}; returns how many. */
    protected abstract int startUnstarted(Instant requestedBefore);

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("unstarted-" + what).daemon().factory());
        executor.scheduleWithFixedDelay(this::sweep, 10, 60, TimeUnit.SECONDS);
    }

    public void sweep() {
        try {
            int started = startUnstarted(Instant.now().minus(GRACE));
            if (started > 0) {
                LOG.warn("Started the workflows of {} {}(s) whose start had not happened", started, what);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not start the workflows of unstarted {}s (next try in a minute): {}", what, e.getMessage());
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
