package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.portal.mail.MailProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Spring Boot's mail sender ({@code spring.mail.*}, fed from {@code FLASH_SMTP_HOST} and {@code FLASH_SMTP_PORT})
 * when an SMTP host is configured; otherwise the log-only development sender.
 */
@Configuration
class ReportMailConfiguration {

    @Bean
    ReportMailer reportMailer(ObjectProvider<JavaMailSender> senders, MailProperties properties) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null || !properties.smtpConfigured()) {
            return new LogOnlyReportMailer();
        }
        return new SmtpReportMailer(sender, properties.sender());
    }
}
