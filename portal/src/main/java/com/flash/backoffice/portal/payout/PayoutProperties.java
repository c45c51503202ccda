package com.flash.backoffice.portal.payout;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payout rules fixed for each request when it is made: who approves, above which amount two people must, when the
 * approvers are reminded and when an undecided request lapses; and the routing fee limit Flash accepts per payout.
 *
 * @param twoApproversAboveSat above this amount two distinct approvers are needed (default 0.1 BTC)
 * @param feeLimitPpm the routing/network fee limit as parts per million of the amount (default 0.5 %)
 * @param minFeeLimitSat the fee limit never falls below this (default 10 sat), so small payouts can route
 */
@ConfigurationProperties("flash.payout")
public record PayoutProperties(
        @DefaultValue("FINANCE") String approverRole,
        @DefaultValue("10000000") long twoApproversAboveSat,
        @DefaultValue("PT4H") Duration remindAfter,
        @DefaultValue("PT72H") Duration deadline,
        @DefaultValue("5000") long feeLimitPpm,
        @DefaultValue("10") long minFeeLimitSat) {

    public ApprovalPolicy policy(long autoApproveBelowMsat) {
        return new ApprovalPolicy(
                approverRole,
                autoApproveBelowMsat,
                Math.multiplyExact(twoApproversAboveSat, 1_000L),
                remindAfter,
                deadline);
    }

    public long feeLimitMsat(long amountMsat) {
        return Math.max(
                Math.multiplyExact(minFeeLimitSat, 1_000L), Math.multiplyExact(amountMsat / 1_000_000L, feeLimitPpm));
    }
}
