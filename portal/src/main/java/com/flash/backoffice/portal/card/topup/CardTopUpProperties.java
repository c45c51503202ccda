package com.flash.backoffice.portal.card.topup;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Card top-up rules.
 *
 * @param lightningMaxSat the most one LNURL-pay top-up may bring (default 1,000,000 sat)
 * @param invoiceExpiry how long a top-up invoice can be paid (default 10 minutes: a wallet pays at once)
 * @param manualMaxSat the most one manual top-up may give (default 10,000,000 sat)
 * @param manualApprovalAboveSat FINANCE's manual top-up up to this amount is booked at once; above it, another FINANCE
 *     user decides in the approvals inbox (default 100,000 sat)
 * @param manualTwoApproversAboveSat above this amount two distinct approvers are needed (default 1,000,000 sat)
 */
@ConfigurationProperties("flash.card.top-up")
public record CardTopUpProperties(
        @DefaultValue("1000000") long lightningMaxSat,
        @DefaultValue("PT10M") Duration invoiceExpiry,
        @DefaultValue("10000000") long manualMaxSat,
        @DefaultValue("100000") long manualApprovalAboveSat,
        @DefaultValue("1000000") long manualTwoApproversAboveSat,
        @DefaultValue("PT4H") Duration remindAfter,
        @DefaultValue("PT72H") Duration deadline) {

    public CardTopUpProperties {
        if (lightningMaxSat < 1 || manualMaxSat < 1) {
            throw new IllegalArgumentException("flash.card.top-up maxima must be at least 1 sat");
        }
        if (invoiceExpiry.isNegative() || invoiceExpiry.isZero()) {
            throw new IllegalArgumentException("flash.card.top-up.invoice-expiry must be positive");
        }
    }

    public long lightningMaxMsat() {
        return Math.multiplyExact(lightningMaxSat, 1_000L);
    }

    public long manualMaxMsat() {
        return Math.multiplyExact(manualMaxSat, 1_000L);
    }

    /** FINANCE decides manual top-ups; at or below the limit nobody else needs to. */
    public ApprovalPolicy manualPolicy() {
        return new ApprovalPolicy(
                "FINANCE",
                Math.addExact(Math.multiplyExact(manualApprovalAboveSat, 1_000L), 1),
                Math.multiplyExact(manualTwoApproversAboveSat, 1_000L),
                remindAfter,
                deadline);
    }
}
