package com.flash.backoffice.portal.webhook;

import com.flash.backoffice.workflows.webhook.WebhookActivities;
import com.flash.backoffice.workflows.webhook.WebhookWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the webhook delivery workflow on the Temporal starter's worker factory. */
@Configuration
class WebhookWorkerConfiguration {

    @Bean
    Worker webhookWorker(WorkerFactory workerFactory, WebhookActivities webhookActivities) {
        return WebhookWorker.register(workerFactory, webhookActivities);
    }
}
