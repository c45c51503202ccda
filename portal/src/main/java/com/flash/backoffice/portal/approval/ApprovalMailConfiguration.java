package com.flash.backoffice.portal.approval;

import com.flash.backoffice.portal.mail.MailProperties;
import com.flash.backoffice.workflows.approval.ApprovalReminders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * The reminders the approval activities send: mailed through the application's SMTP server ({@code spring.mail.*}
 * from {@code FLASH_SMTP_HOST}) to {@code flash.approvals.remind-to}; without either, logged only, and said so.
 */
@Configuration
class ApprovalMailConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(ApprovalMailConfiguration.class);

    @Bean
    ApprovalReminders approvalReminders(
            ObjectProvider<JavaMailSender> senders, MailProperties mail, ApprovalProperties properties) {
        JavaMailSender sender = senders.getIfAvailable();
        if (sender == null || !mail.smtpConfigured() || !properties.mailConfigured()) {
            LOG.warn("Approval reminders are not mailed (set FLASH_APPROVALS_EMAIL and FLASH_SMTP_HOST): log only");
            return new MailedApprovalReminders(null, mail.sender(), properties.remindTo());
        }
        return new MailedApprovalReminders(sender, mail.sender(), properties.remindTo());
    }
}
