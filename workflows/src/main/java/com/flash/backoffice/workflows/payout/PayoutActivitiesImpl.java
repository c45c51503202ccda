package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.payout.PayoutStateChange;
import com.flash.backoffice.db.support.UtcTimestamps;
import io.temporal.failure.ApplicationFailure;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Stores the workflow's steps (each revision once, with its ledger entry), announces them and mails the merchant. */
@Component
public class PayoutActivitiesImpl implements PayoutActivities {

    private final PayoutRepository payouts;
    private final PayoutWebhooks webhooks;
    private final PayoutMail mail;

    public PayoutActivitiesImpl(PayoutRepository payouts, PayoutWebhooks webhooks, PayoutMail mail) {
        this.payouts = Objects.requireNonNull(payouts, "payouts");
        this.webhooks = Objects.requireNonNull(webhooks, "webhooks");
        this.mail = Objects.requireNonNull(mail, "mail");
    }

    @Override
    public void announceRequest(String payoutId) {
        Payout payout = payout(payoutId);
        webhooks.publish(payout.merchantId(), payout.id(), 0, PayoutState.AWAITING_APPROVAL, payout.createdAt());
    }

    @Override
    public void saveStep(PayoutStep step) {
        PayoutState state = PayoutState.valueOf(step.status().name());
        payouts.saveState(new PayoutStateChange(
                step.payoutId(),
                step.revision(),
                state,
                step.actor(),
                step.audited(),
                step.actorRoles(),
                step.note(),
                step.failure(),
                step.failureDetail(),
                step.feeMsat(),
                step.proof(),
                UtcTimestamps.now()));
        Payout payout = payout(step.payoutId());
        webhooks.publish(payout.merchantId(), payout.id(), step.revision(), state, payout.updatedAt());
    }

    @Override
    public void notifyMerchant(PayoutStep step) {
        Payout payout = payout(step.payoutId());
        String to = payouts.settings(payout.merchantId()).contactEmail();
        if (to == null || to.isBlank()) {
            return;
        }
        String amount = Msat.ofMsat(payout.amountMsat()).toBtcString() + " BTC";
        boolean completed = step.status() == PayoutStatus.COMPLETED;
        String subject = completed
                ? "Your payout of " + amount + " was paid"
                : "Your payout of " + amount + " could not be paid yet";
        String text = completed
                ? "Flash paid your payout " + payout.id() + " of " + amount + " to " + payout.destination() + "."
                        + (payout.proof() == null ? "" : "\nProof of payment: " + payout.proof())
                : "Flash could not pay your payout " + payout.id() + " of " + amount + " to " + payout.destination()
                        + ".\nReason: " + step.failureDetail()
                        + "\nThe amount stays reserved for you; our finance team will retry or contact you.";
        mail.send(new PayoutMailMessage(
                to, subject, text, "<payout-" + payout.id() + "-" + step.revision() + "@flash.backoffice>"));
    }

    private Payout payout(String payoutId) {
        return payouts.findById(payoutId)
                .orElseThrow(
                        () -> ApplicationFailure.newNonRetryableFailure("No payout " + payoutId, "PAYOUT_NOT_FOUND"));
    }
}
