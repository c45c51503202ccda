package com.flash.backoffice.portal.payout;

import com.flash.backoffice.portal.report.schedule.ReportMailProperties;
import com.flash.backoffice.workflows.payout.PayoutMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Payout e-mails to merchants over the configured SMTP server, or to the log in development (it says so). */
@Configuration
class PayoutMailConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PayoutMailConfiguration.class);

    @Bean
    PayoutMail payoutMail(ObjectProvider<JavaMailSender> senders, ReportMailProperties properties) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null || !properties.smtpConfigured()) {
            return message -> log.info(
                    "No SMTP server configured: payout e-mail to {} not sent: {} / {}",
                    message.to(),
                    message.subject(),
                    message.text());
        }
        return message -> {
            MimeMessage mime = sender.createMimeMessage();
            try {
                MimeMessageHelper helper = new MimeMessageHelper(mime, false, StandardCharsets.UTF_8.name());
                helper.setFrom(properties.sender());
                helper.setTo(message.to());
                helper.setSubject(message.subject());
                helper.setText(message.text());
                mime.setHeader("Message-ID", message.messageId());
            } catch (MessagingException e) {
                throw new MailPreparationException("cannot prepare the payout e-mail to " + message.to(), e);
            }
            sender.send(mime);
        };
    }
}
