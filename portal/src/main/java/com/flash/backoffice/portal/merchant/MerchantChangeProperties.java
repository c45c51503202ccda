package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The two-person rule for a merchant's watch-only key, payout destination and custody: who may approve a change
 * (either role, never the requester), when the approvers are reminded and when an undecided change lapses.
 *
 * @param approverRoles roles joined by commas; any one of them decides
 */
@ConfigurationProperties("flash.merchant-changes")
public record MerchantChangeProperties(
        @DefaultValue("ADMIN,FINANCE") String approverRoles,
        @DefaultValue("PT24H") Duration remindAfter,
        @DefaultValue("P7D") Duration deadline) {

    /** Every change needs one approval, whatever it is worth: the amount at stake is all future payouts. */
    public ApprovalPolicy policy() {
        return new ApprovalPolicy(approverRoles, 0, Long.MAX_VALUE, remindAfter, deadline);
    }
}
