package com.flash.backoffice.portal.report.schedule;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where scheduled reports are e-mailed through ({@code FLASH_SMTP_HOST}, also handed to {@code spring.mail.host})
 * and the sender address. Without a host (development) mails are written to the log instead, and the run log says
 * so.
 */
@ConfigurationProperties("flash.mail")
public record ReportMailProperties(String smtpHost, String from) {

    public boolean smtpConfigured() {
        return smtpHost != null && !smtpHost.isBlank();
    }

    public String sender() {
        return from == null || from.isBlank() ? "flash-reports@localhost" : from;
    }
}
