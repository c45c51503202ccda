package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.workflows.card.CardActivities;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.card.CardLifecycleActivities;
import com.flash.backoffice.workflows.card.CardProgramming;
import com.flash.backoffice.workflows.card.CardTaps;
import com.flash.backoffice.workflows.card.CardTopUpActivities;
import com.flash.backoffice.workflows.card.CardWorker;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The card master key that seals issuer keys, the tap verifier, and the worker of the card, tap payment and manual top-up workflows. */
@Configuration
class CardConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CardConfiguration.class);

    @Bean
    CardKeyVault cardKeyVault(@Value("${flash.card.master-key:}") String masterKey) {
        return new CardKeyVault(masterKey(masterKey));
    }

    /** The configured key, or (development only; the prod profile requires one) a fixed key, said loudly. */
    static byte[] masterKey(String configured) {
        if (configured == null || configured.isBlank()) {
            log.warn("DEVELOPMENT card master key in use: card issuer keys are sealed with a key everyone knows."
                    + " Set FLASH_CARD_MASTER_KEY (64 hex characters) before issuing real cards.");
            try {
                return MessageDigest.getInstance("SHA-256")
                        .digest("flash development card master key".getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        String hex = configured.strip();
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            throw new IllegalStateException("FLASH_CARD_MASTER_KEY must be 64 hexadecimal characters (32 bytes), not "
                    + hex.length() + " characters");
        }
        return HexFormat.of().parseHex(hex);
    }

    @Bean
    CardTaps cardTaps(CardRepository cards, CardKeyVault vault) {
        return new CardTaps(cards, vault);
    }

    @Bean
    CardProgramming cardProgramming(CardRepository cards, CardKeyVault vault) {
        return new CardProgramming(cards, vault);
    }

    @Bean
    Worker cardWorker(
            WorkerFactory workerFactory,
            CardActivities activities,
            CardLifecycleActivities lifecycle,
            CardTopUpActivities topUps,
            PaymentActivities payments) {
        return CardWorker.register(workerFactory, activities, lifecycle, topUps, payments);
    }
}
