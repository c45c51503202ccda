package com.flash.backoffice.portal.payout;

import com.flash.backoffice.workflows.payout.PayoutActivities;
import com.flash.backoffice.workflows.payout.PayoutWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the payout workflow and its activities on the Temporal starter's worker factory. */
@Configuration
class PayoutWorkerConfiguration {

    @Bean
    Worker payoutWorker(WorkerFactory workerFactory, PayoutActivities payoutActivities) {
        return PayoutWorker.register(workerFactory, payoutActivities);
    }
}
