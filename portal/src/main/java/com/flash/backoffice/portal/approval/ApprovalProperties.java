package com.flash.backoffice.portal.approval;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where approval reminders are mailed ({@code FLASH_APPROVALS_EMAIL}, by default the finance address); without an
 * address or an SMTP server a reminder is written to the log only, and the log says so at start.
 */
@ConfigurationProperties("flash.approvals")
public record ApprovalProperties(String remindTo) {

    public boolean mailConfigured() {
        return remindTo != null && !remindTo.isBlank();
    }
}
