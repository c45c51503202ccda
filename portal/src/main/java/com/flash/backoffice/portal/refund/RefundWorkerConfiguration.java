package com.flash.backoffice.portal.refund;

import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.mail.PlainMail;
import com.flash.backoffice.workflows.refund.RefundActivities;
import com.flash.backoffice.workflows.refund.RefundClaimLinks;
import com.flash.backoffice.workflows.refund.RefundMail;
import com.flash.backoffice.workflows.refund.RefundWorker;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
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
    RefundMail refundMail(PlainMail mail) {
        return (to, subject, text, messageId) -> mail.send("refund claim", to, subject, text, messageId);
    }

    @Bean
    Worker refundWorker(WorkerFactory workerFactory, RefundActivities refundActivities) {
        return RefundWorker.register(workerFactory, refundActivities);
    }
}
