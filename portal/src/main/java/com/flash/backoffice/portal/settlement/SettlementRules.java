package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.workflows.settlement.SettlementPeriods;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Checks drafts and backfill ranges; the messages are the ones the form shows beside each field. */
final class SettlementRules {

    private SettlementRules() {}

    /** The plan of a valid draft; otherwise the messages go into {@code errors}. */
    static Optional<SettlementPlan> plan(
            SettlementDraft draft, Optional<Merchant> merchant, Map<SettlementField, String> errors) {
        if (draft.merchantId() == null || draft.merchantId().isBlank()) {
            errors.put(SettlementField.MERCHANT, "Choose a merchant.");
        } else if (merchant.isEmpty()) {
            errors.put(SettlementField.MERCHANT, "No such merchant.");
        } else if (merchant.get().payoutDestination() == null
                || merchant.get().payoutDestination().isBlank()) {
            errors.put(
                    SettlementField.MERCHANT,
                    "This merchant has no payout destination: set one on the merchant's page first.");
        }
        if (draft.frequency() == null) {
            errors.put(SettlementField.FREQUENCY, "Choose how often.");
        }
        if (draft.timeOfDay() == null) {
            errors.put(SettlementField.TIME_OF_DAY, "Choose a time of day (UTC).");
        }
        if (draft.frequency() == SettlementFrequency.WEEKLY && draft.weekday() == null) {
            errors.put(SettlementField.WEEKDAY, "Choose the day of the week.");
        }
        Long threshold = null;
        if (draft.frequency() == SettlementFrequency.THRESHOLD) {
            if (draft.thresholdBtc() == null) {
                errors.put(SettlementField.THRESHOLD, "Enter the threshold in BTC.");
            } else if (draft.thresholdBtc().signum() <= 0) {
                errors.put(SettlementField.THRESHOLD, "The threshold must be above 0.");
            } else {
                try {
                    threshold = Msat.ofBtc(draft.thresholdBtc()).msat();
                } catch (ArithmeticException tooPrecise) {
                    errors.put(
                            SettlementField.THRESHOLD,
                            "The threshold has more than 11 decimal places (1 msat = 0.00000000001 BTC).");
                }
            }
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        int minutes = draft.timeOfDay().getHour() * 60 + draft.timeOfDay().getMinute();
        return Optional.of(
                switch (draft.frequency()) {
                    case DAILY -> SettlementPlan.daily(minutes);
                    case WEEKLY -> SettlementPlan.weekly(draft.weekday(), minutes);
                    case THRESHOLD -> SettlementPlan.threshold(threshold, minutes);
                });
    }

    /** The messages for a backfill of the UTC days {@code [from, to]}; empty when it may run. */
    static Map<SettlementField, String> backfill(SettlementPlan plan, LocalDate from, LocalDate to, Instant now) {
        Map<SettlementField, String> errors = new EnumMap<>(SettlementField.class);
        LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
        if (from == null) {
            errors.put(SettlementField.BACKFILL_FROM, "Choose the first day.");
        }
        if (to == null) {
            errors.put(SettlementField.BACKFILL_TO, "Choose the last day.");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        if (to.isBefore(from)) {
            errors.put(SettlementField.BACKFILL_TO, "The last day is before the first.");
        } else if (to.isAfter(today)) {
            errors.put(SettlementField.BACKFILL_TO, "A backfill covers past periods only: end today at the latest.");
        } else {
            int periods = periods(plan, from, to, now);
            if (periods == 0) {
                errors.put(SettlementField.BACKFILL_FROM, "No period of this schedule has passed in these days.");
            } else if (periods > SettlementPeriods.MAX_BACKFILL_PERIODS) {
                errors.put(
                        SettlementField.BACKFILL_FROM,
                        "At most " + SettlementPeriods.MAX_BACKFILL_PERIODS
                                + " periods per backfill: choose fewer days.");
            }
        }
        return errors;
    }

    /** The past periods within the UTC days {@code [from, to]}, counted up to one more than a backfill may run. */
    static int periods(SettlementPlan plan, LocalDate from, LocalDate to, Instant now) {
        Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
        return SettlementPeriods.count(
                plan,
                from.atStartOfDay().toInstant(ZoneOffset.UTC),
                end.isAfter(now) ? now : end,
                SettlementPeriods.MAX_BACKFILL_PERIODS);
    }
}
