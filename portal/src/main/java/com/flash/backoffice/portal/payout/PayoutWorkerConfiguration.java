package com.flash.backoffice.portal.payout;

import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentWorker;
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

    /** The payment feature's own task queue, which every paying workflow (payouts, later refunds...) sends to. */
    @Bean
    Worker paymentWorker(WorkerFactory workerFactory, PaymentActivities paymentActivities) {
        Worker worker = workerFactory.newWorker(PaymentActivities.TASK_QUEUE);
        PaymentWorker.register(worker, paymentActivities);
        return worker;
    }
}
