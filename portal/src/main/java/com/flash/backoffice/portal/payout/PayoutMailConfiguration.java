package com.flash.backoffice.portal.payout;

import com.flash.backoffice.portal.mail.PlainMail;
import com.flash.backoffice.workflows.payout.PayoutMail;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Payout e-mails to merchants over the configured SMTP server, or to the log in development (it says so). */
@Configuration
class PayoutMailConfiguration {

    @Bean
    PayoutMail payoutMail(PlainMail mail) {
        return message -> mail.send("payout", message.to(), message.subject(), message.text(), message.messageId());
    }
}
