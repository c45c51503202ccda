package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.settlement.SkipReason;
import com.flash.backoffice.portal.payout.PayoutRequestOutcome;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.workflows.settlement.ScheduledPayoutOutcome;
import com.flash.backoffice.workflows.settlement.ScheduledPayouts;
import org.springframework.stereotype.Component;

/** The settlement workflow's payout port: a request through the payout service, as staff's, by "schedule". */
@Component
class ScheduledPayoutRequests implements ScheduledPayouts {

    private final PayoutService payouts;

    ScheduledPayoutRequests(PayoutService payouts) {
        this.payouts = payouts;
    }

    @Override
    public ScheduledPayoutOutcome request(String merchantId, String destination, long amountMsat, String periodKey) {
        return switch (payouts.requestScheduled(merchantId, destination, Msat.ofMsat(amountMsat), periodKey)) {
            case PayoutRequestOutcome.Created created ->
                ScheduledPayoutOutcome.requested(created.payout().id());
            case PayoutRequestOutcome.Invalid invalid ->
                ScheduledPayoutOutcome.refused(
                        SkipReason.INVALID_DESTINATION,
                        String.join("; ", invalid.errors().values()));
            case PayoutRequestOutcome.Overdraft overdraft ->
                ScheduledPayoutOutcome.refused(SkipReason.NOTHING_PAYABLE, overdraft.message());
            case PayoutRequestOutcome.Duplicate duplicate ->
                ScheduledPayoutOutcome.refused(SkipReason.OPEN_PAYOUT, duplicate.message());
            case PayoutRequestOutcome.UnknownMerchant unknown ->
                ScheduledPayoutOutcome.refused(SkipReason.MERCHANT_NOT_FOUND, null);
        };
    }
}
