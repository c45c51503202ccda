package com.flash.backoffice.portal.refund;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Refund rules fixed for each refund when it starts.
 *
 * @param supportLimitSat SUPPORT (and a merchant's API key) approves its own refunds up to this amount; above it,
 *     and always for Fiat, FINANCE decides (default 100,000 sat)
 * @param twoApproversAboveSat above this amount two distinct approvers are needed (default 0.1 BTC)
 * @param deadline an undecided refund is cancelled at this age
 * @param claimExpiry how long the customer has to claim an approved refund before it expires and is released
 */
@ConfigurationProperties("flash.refund")
public record RefundProperties(
        @DefaultValue("FINANCE") String approverRole,
        @DefaultValue("100000") long supportLimitSat,
        @DefaultValue("10000000") long twoApproversAboveSat,
        @DefaultValue("PT4H") Duration remindAfter,
        @DefaultValue("PT72H") Duration deadline,
        @DefaultValue("P30D") Duration claimExpiry) {

    public long supportLimitMsat() {
        return Math.multiplyExact(supportLimitSat, 1_000L);
    }

    /** {@code selfApproves}: the requester may approve it alone (not Fiat, and within the limit, checked here). */
    public ApprovalPolicy policy(boolean selfApproves) {
        return new ApprovalPolicy(
                approverRole,
                selfApproves ? supportLimitMsat() + 1 : 0,
                Math.multiplyExact(twoApproversAboveSat, 1_000L),
                remindAfter,
                deadline);
    }
}
