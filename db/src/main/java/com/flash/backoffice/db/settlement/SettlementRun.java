package com.flash.backoffice.db.settlement;

import java.time.Instant;
import java.util.Objects;

/**
 * One period of a schedule, unique by {@code (merchantId, periodKey)}: the key is the period's time for scheduled and
 * backfilled runs (so a backfill never repeats a period that ran) and the trigger's time for a run asked for now.
 * {@code createdAt} and {@code updatedAt} are null on a run not yet stored.
 */
public record SettlementRun(
        String merchantId,
        String periodKey,
        Instant periodAt,
        SettlementTrigger trigger,
        SettlementRunStatus status,
        String payoutId,
        Long amountMsat,
        SkipReason skipReason,
        String detail,
        Instant createdAt,
        Instant updatedAt) {

    public SettlementRun {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(periodKey, "periodKey");
        Objects.requireNonNull(periodAt, "periodAt");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(status, "status");
        if ((status == SettlementRunStatus.REQUESTED) != (payoutId != null)) {
            throw new IllegalArgumentException("a payout id belongs to a requested run only");
        }
        if ((status == SettlementRunStatus.SKIPPED) != (skipReason != null)) {
            throw new IllegalArgumentException("a skip reason belongs to a skipped run only");
        }
    }

    public static SettlementRun requesting(
            String merchantId, String periodKey, Instant periodAt, SettlementTrigger trigger, long amountMsat) {
        return new SettlementRun(
                merchantId,
                periodKey,
                periodAt,
                trigger,
                SettlementRunStatus.REQUESTING,
                null,
                amountMsat,
                null,
                null,
                null,
                null);
    }

    public SettlementRun requested(String payout, long amount) {
        return new SettlementRun(
                merchantId,
                periodKey,
                periodAt,
                trigger,
                SettlementRunStatus.REQUESTED,
                payout,
                amount,
                null,
                detail,
                createdAt,
                updatedAt);
    }

    public static SettlementRun skipped(
            String merchantId,
            String periodKey,
            Instant periodAt,
            SettlementTrigger trigger,
            SkipReason reason,
            Long amountMsat,
            String detail) {
        return new SettlementRun(
                merchantId,
                periodKey,
                periodAt,
                trigger,
                SettlementRunStatus.SKIPPED,
                null,
                amountMsat,
                reason,
                detail,
                null,
                null);
    }

    /** What the history shows for this run. */
    public String describe() {
        return switch (status) {
            case REQUESTED -> "Payout " + payoutId + " requested";
            case REQUESTING -> "Requesting a payout (or interrupted while requesting)";
            case SKIPPED -> skipReason.message() + (detail == null ? "" : ": " + detail);
        };
    }
}
