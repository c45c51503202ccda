package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.support.MasterKeySeal;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The vault of issuer keys (under the master key), the tap verifier, and the worker of the card, tap payment and manual top-up workflows. */
@Configuration
class CardConfiguration {

    @Bean
    CardKeyVault cardKeyVault(MasterKeySeal seal) {
        return new CardKeyVault(seal);
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
