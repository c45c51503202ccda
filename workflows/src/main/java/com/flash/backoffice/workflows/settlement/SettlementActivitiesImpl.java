package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementRun;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.db.settlement.SkipReason;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides a period from the database and records it once per period key. Before a payout is asked for, the period is
 * claimed (REQUESTING, with the amount): a retry that finds its claim first looks for the payout the lost attempt may
 * have created (the schedule's payout of that amount created since the claim) and records it rather than asking
 * again; the open-payout check of the payout request is the second line of defence.
 */
@Component
public class SettlementActivitiesImpl implements SettlementActivities {

    /** How far back a retry looks for the payout its lost attempt created. */
    private static final int RECENT_PAYOUTS = 20;

    private final SettlementScheduleRepository schedules;
    private final MerchantRepository merchants;
    private final LedgerRepository ledger;
    private final PayoutRepository payouts;
    private final ScheduledPayouts scheduledPayouts;

    public SettlementActivitiesImpl(
            SettlementScheduleRepository schedules,
            MerchantRepository merchants,
            LedgerRepository ledger,
            PayoutRepository payouts,
            ScheduledPayouts scheduledPayouts) {
        this.schedules = Objects.requireNonNull(schedules, "schedules");
        this.merchants = Objects.requireNonNull(merchants, "merchants");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.payouts = Objects.requireNonNull(payouts, "payouts");
        this.scheduledPayouts = Objects.requireNonNull(scheduledPayouts, "scheduledPayouts");
    }

    @Override
    public PeriodResult settle(PeriodRun run) {
        Optional<SettlementRun> recorded = schedules.findRun(run.merchantId(), run.periodKey());
        if (recorded.isPresent() && recorded.get().status().done()) {
            return result(recorded.get());
        }
        SettlementSchedule schedule = schedules
                .find(run.merchantId())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no settlement schedule for merchant " + run.merchantId(),
                        SettlementFailure.SCHEDULE_NOT_FOUND.name()));
        if (recorded.isPresent()) {
            Optional<Payout> made = payoutOfLostAttempt(recorded.get());
            if (made.isPresent()) {
                return result(schedules.record(
                        recorded.get().requested(made.get().id(), made.get().amountMsat())));
            }
        }
        if (schedule.paused()) {
            return skip(run, SkipReason.PAUSED, null, null);
        }
        Optional<Merchant> merchant = merchants.findById(run.merchantId());
        if (merchant.isEmpty()) {
            return skip(run, SkipReason.MERCHANT_NOT_FOUND, null, null);
        }
        String destination = merchant.get().payoutDestination();
        if (destination == null || destination.isBlank()) {
            return skip(run, SkipReason.NO_DESTINATION, null, null);
        }
        Msat payable = ledger.merchantBalances(run.merchantId()).payable();
        if (!payable.isPositive()) {
            return skip(run, SkipReason.NOTHING_PAYABLE, Math.max(payable.msat(), 0), null);
        }
        Long threshold = schedule.plan().thresholdMsat();
        if (schedule.plan().frequency() == SettlementFrequency.THRESHOLD && payable.msat() < threshold) {
            return skip(
                    run,
                    SkipReason.BELOW_THRESHOLD,
                    payable.msat(),
                    payable.toBtcString() + " BTC payable, threshold "
                            + Msat.ofMsat(threshold).toBtcString() + " BTC");
        }
        SettlementRun claim = schedules.record(SettlementRun.requesting(
                run.merchantId(), run.periodKey(), run.periodAt(), run.trigger(), payable.msat()));
        if (claim.status().done()) {
            return result(claim);
        }
        ScheduledPayoutOutcome outcome =
                scheduledPayouts.request(run.merchantId(), destination.strip(), payable.msat(), run.periodKey());
        if (outcome.payoutId() != null) {
            return result(schedules.record(claim.requested(outcome.payoutId(), payable.msat())));
        }
        return skip(run, outcome.refusal(), payable.msat(), outcome.detail());
    }

    private Optional<Payout> payoutOfLostAttempt(SettlementRun claim) {
        return payouts.find(claim.merchantId(), null, 0, RECENT_PAYOUTS).stream()
                .filter(payout -> payout.origin() == PayoutOrigin.SCHEDULE)
                .filter(payout -> !payout.createdAt().isBefore(claim.createdAt()))
                .filter(payout -> claim.amountMsat() != null && payout.amountMsat() == claim.amountMsat())
                .reduce((newer, older) -> older);
    }

    private PeriodResult skip(PeriodRun run, SkipReason reason, Long amountMsat, String detail) {
        return result(schedules.record(SettlementRun.skipped(
                run.merchantId(), run.periodKey(), run.periodAt(), run.trigger(), reason, amountMsat, detail)));
    }

    private static PeriodResult result(SettlementRun run) {
        return new PeriodResult(run.status(), run.payoutId(), run.skipReason());
    }
}
