package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.workflows.invoice.InvoiceActivities;
import com.flash.backoffice.workflows.invoice.InvoiceWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the invoice workflow on the Temporal starter's worker factory while the context starts, before the
 * starter launches the workers (when {@code flash.workers.enabled}).
 */
@Configuration
class InvoiceWorkerConfiguration {

    @Bean
    Worker invoiceWorker(WorkerFactory workerFactory, InvoiceActivities invoiceActivities) {
        return InvoiceWorker.register(workerFactory, invoiceActivities);
    }
}
