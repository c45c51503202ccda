package com.flash.backoffice.portal.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where every e-mail of the portal (scheduled reports, approvals, payouts, refunds) goes through ({@code FLASH_SMTP_HOST}, also handed to {@code spring.mail.host})
 * and the sender address. Without a host (development) mails are written to the log instead, and the run log says
 * so.
 */
@ConfigurationProperties("flash.mail")
public record MailProperties(String smtpHost, String from) {

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    public String sender() {
        return from == null || from.isBlank() ? "flash-reports@localhost" : from;
    }
}
