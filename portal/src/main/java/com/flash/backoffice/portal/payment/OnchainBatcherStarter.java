package com.flash.backoffice.portal.payment;

import com.flash.backoffice.workflows.payment.BatcherSettings;
import com.flash.backoffice.workflows.payment.OnchainBatcher;
import com.flash.backoffice.workflows.payment.OnchainPaymentProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Starts the one on-chain batcher once the application is ready (a running one is left alone). */
@Component
class OnchainBatcherStarter {

    private static final Logger LOG = LoggerFactory.getLogger(OnchainBatcherStarter.class);

    private final OnchainBatcher batcher;
    private final OnchainPaymentProperties properties;
    private final boolean enabled;

    OnchainBatcherStarter(
            OnchainBatcher batcher,
            OnchainPaymentProperties properties,
            @Value("${flash.workers.enabled:true}") boolean enabled) {
        this.batcher = batcher;
        this.properties = properties;
        this.enabled = enabled;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!enabled) {
            return;
        }
        try {
            batcher.ensureRunning(BatcherSettings.every(properties.batchInterval()));
            LOG.info("on-chain batcher runs every {} ({} custody)", properties.batchInterval(), properties.custody());
        } catch (RuntimeException e) {
            LOG.warn("could not start the on-chain batcher: on-chain payments wait until it runs", e);
        }
    }
}
