package com.flash.backoffice.workflows.refund;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundAmounts;
import com.flash.backoffice.db.refund.RefundQuoteResult;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundReservation;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundStateChange;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.workflows.payment.DestinationKind;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Stores the refund workflow's steps (each revision once, with its ledger entry), announces them, mails the buyer its
 * claim link and tells the refund's listeners. The portal supplies the mail, the claim page's address and the
 * listeners.
 */
@Component
public class RefundActivitiesImpl implements RefundActivities {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RefundRepository refunds;
    private final InvoiceRepository invoices;
    private final ExchangeRateRepository rates;
    private final RefundWebhooks webhooks;
    private final PaymentDestinations destinations;
    private final RefundMail mail;
    private final RefundClaimLinks links;
    private final List<RefundListener> listeners;

    @Autowired
    RefundActivitiesImpl(
            RefundRepository refunds,
            InvoiceRepository invoices,
            ExchangeRateRepository rates,
            RefundWebhooks webhooks,
            PaymentDestinations destinations,
            RefundMail mail,
            RefundClaimLinks links,
            ObjectProvider<RefundListener> listeners) {
        this(
                refunds,
                invoices,
                rates,
                webhooks,
                destinations,
                mail,
                links,
                listeners.orderedStream().toList());
    }

    public RefundActivitiesImpl(
            RefundRepository refunds,
            InvoiceRepository invoices,
            ExchangeRateRepository rates,
            RefundWebhooks webhooks,
            PaymentDestinations destinations,
            RefundMail mail,
            RefundClaimLinks links,
            List<RefundListener> listeners) {
        this.refunds = refunds;
        this.invoices = invoices;
        this.rates = rates;
        this.webhooks = webhooks;
        this.destinations = destinations;
        this.mail = mail;
        this.links = links;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void announceRequest(String refundId) {
        Refund refund = refund(refundId);
        webhooks.publish(refund, 0, RefundState.AWAITING_APPROVAL, false, refund.createdAt());
    }

    @Override
    public RefundReservation reserve(RefundReservationOrder order) {
        Refund refund = refund(order.refundId());
        long amount = refund.amountMsat();
        if (!refund.amountFixed() && refund.variant() == RefundVariant.FIAT) {
            Invoice invoice = invoices.findById(refund.invoiceId()).orElseThrow();
            RefundQuoteResult fixed = RefundAmounts.quote(
                    invoice,
                    RefundVariant.FIAT,
                    refund.subtractPercentage(),
                    null,
                    null,
                    currency -> rates.current(currency).map(ExchangeRate::btcPrice));
            if (fixed instanceof RefundQuoteResult.Quoted quoted) {
                amount = quoted.quote().amountMsat();
            }
        }
        String note = refund.variant() == RefundVariant.FIAT && !refund.amountFixed()
                ? order.note() + "; the fiat value fixed at today's rate"
                : order.note();
        RefundReservation reservation = refunds.reserve(
                order.refundId(),
                order.revision(),
                amount,
                note,
                Instant.ofEpochMilli(order.claimDeadlineMillis()),
                UtcTimestamps.now());
        Refund after = refund(order.refundId());
        webhooks.publish(after, order.revision(), after.state(), true, after.updatedAt());
        return reservation;
    }

    @Override
    public void saveStep(RefundStep step) {
        Refund before = refund(step.refundId());
        boolean onchain = step.state() == RefundState.COMPLETED
                && before.destination() != null
                && destinations.kind(before.destination()) == DestinationKind.ONCHAIN;
        refunds.saveState(
                new RefundStateChange(
                        step.refundId(),
                        step.revision(),
                        step.state(),
                        step.actor(),
                        step.audited(),
                        step.actorRoles(),
                        step.note(),
                        step.destination(),
                        null,
                        step.attempts(),
                        step.feeMsat(),
                        step.proof(),
                        step.failureDetail(),
                        UtcTimestamps.now()),
                onchain);
        Refund after = refund(step.refundId());
        webhooks.publish(after, step.revision(), step.state(), false, after.updatedAt());
    }

    @Override
    public void mailClaimLink(String refundId) {
        Refund refund = refund(refundId);
        Optional<String> to = invoices.findById(refund.invoiceId()).flatMap(RefundActivitiesImpl::buyerEmail);
        if (to.isEmpty()) {
            return;
        }
        String amount = Msat.ofMsat(refund.amountMsat()).toBtcString() + " BTC";
        String text = "A refund of " + amount + " for your payment (invoice " + refund.invoiceId()
                + ") is ready for you.\n\nOpen this link on your phone and scan the code with any Lightning wallet"
                + " to receive it:\n" + links.claimPage(refund.claimToken())
                + (refund.claimExpiresAt() == null
                        ? ""
                        : "\n\nThe refund can be claimed until " + refund.claimExpiresAt() + " (UTC).")
                + "\n\nIf you did not expect this message, you can ignore it.";
        mail.send(
                to.get(),
                "Your refund of " + amount + " is ready to claim",
                text,
                "<refund-" + refund.id() + "-claim@flash.backoffice>");
    }

    @Override
    public void announceRefunded(String refundId) {
        Refund refund = refund(refundId);
        long paid = invoices.findById(refund.invoiceId()).map(Invoice::paidMsat).orElse(0L);
        RefundCompleted event = new RefundCompleted(
                refund.id(),
                refund.invoiceId(),
                refund.merchantId(),
                refund.amountMsat(),
                paid,
                refund.completedAt() == null ? refund.updatedAt() : refund.completedAt());
        listeners.forEach(listener -> listener.refunded(event));
    }

    static Optional<String> buyerEmail(Invoice invoice) {
        try {
            JsonNode metadata = JSON.readTree(invoice.metadataJson() == null ? "{}" : invoice.metadataJson());
            String email = metadata.path("buyerEmail").asText("").strip();
            return email.contains("@") && email.length() <= 254 ? Optional.of(email) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Refund refund(String refundId) {
        return refunds.findById(refundId)
                .orElseThrow(
                        () -> ApplicationFailure.newNonRetryableFailure("No refund " + refundId, "REFUND_NOT_FOUND"));
    }
}
