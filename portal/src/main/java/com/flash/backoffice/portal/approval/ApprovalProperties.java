package com.flash.backoffice.portal.approval;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where approval reminders are mailed ({@code FLASH_APPROVALS_EMAIL}, by default the finance address); without an
 * address or an SMTP server a reminder is written to the log only, and the log says so at start.
 *
 * @param bulkConcurrency how many decisions of one bulk action wait for their workflows at once
 *     ({@code FLASH_APPROVALS_BULK_CONCURRENCY}); each waits for its workflow to record it, so one at a time makes
 *     a bulk action of a thousand take minutes
 */
@ConfigurationProperties("flash.approvals")
public record ApprovalProperties(
        String remindTo, @DefaultValue("16") int bulkConcurrency) {

    public ApprovalProperties {
        if (bulkConcurrency < 1) {
            throw new IllegalArgumentException(
                    "flash.approvals.bulk-concurrency must be at least 1, was " + bulkConcurrency);
        }
    }

    public boolean mailConfigured() {
        return remindTo != null && !remindTo.isBlank();
    }
}
