package com.flash.backoffice.portal.payment;

import com.flash.backoffice.workflows.payment.OnchainBatcher;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentBatchActivities;
import com.flash.backoffice.workflows.payment.PaymentBatchWorker;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment feature's workers: the payment activity's own task queue, which every paying workflow (payouts,
 * refunds, card taps...) sends to, and the on-chain batcher with its batch workflows.
 */
@Configuration
class PaymentWorkerConfiguration {

    @Bean
    Worker paymentWorker(WorkerFactory workerFactory, PaymentActivities paymentActivities) {
        Worker worker = workerFactory.newWorker(PaymentActivities.TASK_QUEUE);
        PaymentWorker.register(worker, paymentActivities);
        return worker;
    }

    @Bean
    Worker paymentBatchWorker(WorkerFactory workerFactory, PaymentBatchActivities paymentBatchActivities) {
        return PaymentBatchWorker.register(workerFactory, paymentBatchActivities);
    }

    @Bean
    OnchainBatcher onchainBatcher(WorkflowClient workflowClient) {
        return new OnchainBatcher(workflowClient);
    }
}
