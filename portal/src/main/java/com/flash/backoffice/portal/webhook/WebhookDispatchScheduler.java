package com.flash.backoffice.portal.webhook;

import com.flash.backoffice.workflows.webhook.WebhookDispatcher;
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
 * Polls the invoice event outbox every second once the application is ready (where workers run), and turns new
 * events into webhook deliveries. Several instances may poll: the dispatcher is idempotent.
 */
@Component
class WebhookDispatchScheduler implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatchScheduler.class);

    private final WebhookDispatcher dispatcher;
    private final boolean enabled;
    private ScheduledExecutorService executor;

    WebhookDispatchScheduler(WebhookDispatcher dispatcher, @Value("${flash.workers.enabled:true}") boolean enabled) {
        this.dispatcher = dispatcher;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (!enabled || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("webhook-dispatch").daemon().factory());
        executor.scheduleWithFixedDelay(this::dispatch, 1, 1, TimeUnit.SECONDS);
    }

    private void dispatch() {
        try {
            while (dispatcher.dispatchPending() > 0) {
                // drain the backlog batch by batch
            }
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch failed; retrying in a second", e);
        }
    }

    @Override
    public synchronized void destroy() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
