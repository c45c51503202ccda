package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.mail.PlainMail;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.refund.RefundActivities;
import com.flash.backoffice.workflows.refund.RefundActivitiesImpl;
import com.flash.backoffice.workflows.refund.RefundClaimLinks;
import com.flash.backoffice.workflows.refund.RefundListener;
import com.flash.backoffice.workflows.refund.RefundWebhooks;
import com.flash.backoffice.workflows.refund.RefundWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The refund workflow's worker, and what its activities need from the portal: the buyer's mail, the public claim
 * page's address ({@code flash.api.public-base-url}, else this server) and the refund listeners.
 */
@Configuration
class RefundWorkerConfiguration {

    @Bean
    RefundClaimLinks refundClaimLinks(ApiLinks links) {
        return token -> links.base() + RefundClaimPaths.claimPage(token);
    }

    @Bean
    RefundActivities refundActivities(
            RefundRepository refunds,
            InvoiceRepository invoices,
            ExchangeRateRepository rates,
            RefundWebhooks webhooks,
            PaymentDestinations destinations,
            PlainMail mail,
            RefundClaimLinks links,
            ObjectProvider<RefundListener> listeners) {
        return new RefundActivitiesImpl(
                refunds,
                invoices,
                rates,
                webhooks,
                destinations,
                (to, subject, text, messageId) -> mail.send("refund claim", to, subject, text, messageId),
                links,
                listeners.orderedStream().toList());
    }

    @Bean
    Worker refundWorker(WorkerFactory workerFactory, RefundActivities refundActivities) {
        return RefundWorker.register(workerFactory, refundActivities);
    }
}
