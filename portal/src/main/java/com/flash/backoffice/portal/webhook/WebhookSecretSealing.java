package com.flash.backoffice.portal.webhook;

import com.flash.backoffice.db.webhook.WebhookRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** At start-up, seals the webhook secrets stored in clear before secrets were sealed (once; then there are none). */
@Component
class WebhookSecretSealing implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecretSealing.class);

    private final WebhookRepository webhooks;

    WebhookSecretSealing(WebhookRepository webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void run(ApplicationArguments args) {
        int sealed = webhooks.sealPlaintextSecrets();
        if (sealed > 0) {
            log.info("Sealed {} webhook secret(s) stored in clear under the master key", sealed);
        }
    }
}
