package com.flash.backoffice.portal.notice;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where finance notices are mailed ({@code FLASH_FINANCE_EMAIL}); without an address, or without an SMTP server
 * ({@code flash.mail.smtp-host}), notices are shown on the dashboard only and the log says so.
 */
@ConfigurationProperties("flash.finance-notices")
public record FinanceNoticeProperties(String mailTo) {

    public boolean mailConfigured() {
        return mailTo != null && !mailTo.isBlank();
    }
}
