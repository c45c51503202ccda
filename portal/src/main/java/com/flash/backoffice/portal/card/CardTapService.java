package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.WithdrawalStart;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import com.flash.backoffice.portal.payout.PayoutProperties;
import com.flash.backoffice.workflows.card.CardTapOrder;
import com.flash.backoffice.workflows.card.CardTapWorkflows;
import com.flash.backoffice.workflows.card.CardTaps;
import com.flash.backoffice.workflows.card.CardWorkflows;
import com.flash.backoffice.workflows.card.TapOutcome;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.payment.DestinationKind;
import com.flash.backoffice.workflows.payment.DestinationProblem;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * A Bolt Card tap, with no login (the card's signature is the credential): the tap's LUD-03 withdraw request, then
 * its callback, which reserves the invoice's amount out of the card and hands the payment to its workflow. The
 * card's {@code p}, {@code c}, UID and keys are never logged.
 */
@Service
public class CardTapService {

    /** One satoshi: wallets make invoices in whole satoshis. */
    static final long MIN_WITHDRAWABLE_MSAT = 1_000;

    private static final Logger log = LoggerFactory.getLogger(CardTapService.class);

    private final CardTaps taps;
    private final CardWithdrawals withdrawals;
    private final LightningNode node;
    private final PaymentDestinations destinations;
    private final PayoutProperties paymentLimits;
    private final WorkflowClient workflows;
    private final ApiLinks links;
    private final InternalInvoices internalInvoices;

    CardTapService(
            CardTaps taps,
            CardWithdrawals withdrawals,
            LightningNode node,
            PaymentDestinations destinations,
            PayoutProperties paymentLimits,
            WorkflowClient workflows,
            ApiLinks links,
            InternalInvoices internalInvoices) {
        this.taps = taps;
        this.withdrawals = withdrawals;
        this.node = node;
        this.destinations = destinations;
        this.paymentLimits = paymentLimits;
        this.workflows = workflows;
        this.links = links;
        this.internalInvoices = internalInvoices;
    }

    /** LUD-03's first step for a tap: a single-use k1 and what the card may pay now, or why it may not. */
    @PreAuthorize("permitAll()")
    public LnurlWithdrawAnswer tap(String p, String c) {
        return switch (taps.tap(p, c)) {
            case TapOutcome.Malformed malformed -> LnurlWithdrawAnswer.error(malformed.reason());
            case TapOutcome.Refused refused -> {
                log.info("Card tap refused: {}", refused.reason());
                yield LnurlWithdrawAnswer.error(refused.reason());
            }
            case TapOutcome.Accepted accepted -> {
                long max = withdrawals.maxWithdrawableMsat(accepted.card().id(), UtcTimestamps.now());
                if (max < MIN_WITHDRAWABLE_MSAT) {
                    yield LnurlWithdrawAnswer.error(
                            withdrawals.balanceMsat(accepted.card().id()) < MIN_WITHDRAWABLE_MSAT
                                    ? "Not enough balance on the card"
                                    : "The card's daily limit is used up");
                }
                yield new LnurlWithdrawAnswer.WithdrawRequest(
                        "withdrawRequest",
                        links.base() + BoltCardPaths.CALLBACK,
                        accepted.k1(),
                        "Flash card payment",
                        MIN_WITHDRAWABLE_MSAT,
                        max,
                        accepted.card().hasPin() ? accepted.card().pinLimitMsat() : null);
            }
        };
    }

    /**
     * LUD-03's callback: the invoice is checked, then its amount reserved with the k1 taken, then paid: over Lightning,
     * or inside Flash when it is an invoice of this system.
     */
    @PreAuthorize("permitAll()")
    public LnurlWithdrawAnswer callback(String k1, String pr) {
        return callback(k1, pr, null);
    }

    /** As {@link #callback(String, String)}, with the card's PIN the wallet asked for at or above the PIN limit. */
    @PreAuthorize("permitAll()")
    public LnurlWithdrawAnswer callback(String k1, String pr, String pin) {
        if (k1 == null || k1.isBlank()) {
            return LnurlWithdrawAnswer.error("The k1 parameter is missing");
        }
        String bolt11 = pr == null ? "" : pr.strip();
        Decoding decoding = decode(bolt11);
        if (decoding.problem() != null) {
            return LnurlWithdrawAnswer.error(decoding.problem());
        }
        Instant now = UtcTimestamps.now();
        DecodedInvoice decoded = decoding.invoice();
        InternalInvoices.Lookup internal = internalInvoices.find(bolt11, decoded, now);
        Optional<String> refusal = internal.refusal();
        if (refusal.isEmpty() && internal.payee().isEmpty()) {
            refusal =
                    destinations.problem(bolt11, decoded, decoded.amountMsat()).map(DestinationProblem::message);
        }
        if (refusal.isPresent()) {
            return LnurlWithdrawAnswer.error(refusal.get());
        }
        long amount = decoded.amountMsat();
        long feeLimit = internal.payee().isPresent() ? 0 : paymentLimits.feeLimitMsat(amount);
        WithdrawalStart start = withdrawals.start(
                k1.strip(), amount, bolt11, feeLimit, internal.payee().orElse(null), pin, now);
        return switch (start) {
            case WithdrawalStart.Refused refused -> LnurlWithdrawAnswer.error(refused.reason());
            case WithdrawalStart.WrongPin wrong -> {
                log.info("Card {}: wrong PIN{}", wrong.cardId(), wrong.lockedOut() ? ", the last try" : "");
                if (wrong.lockedOut()) {
                    lockOut(wrong.cardId());
                }
                yield LnurlWithdrawAnswer.error(wrong.reason());
            }
            case WithdrawalStart.Started started -> {
                CardTapWorkflows.start(
                        workflows,
                        new CardTapOrder(
                                started.tapId(),
                                started.cardId(),
                                started.paymentId(),
                                bolt11,
                                started.amountMsat(),
                                feeLimit,
                                started.invoiceId()));
                log.info(
                        "Card {} tap {}: paying {} msat{}",
                        started.cardId(),
                        started.tapId(),
                        started.amountMsat(),
                        started.invoiceId() == null ? "" : " to invoice " + started.invoiceId() + " inside Flash");
                yield LnurlWithdrawAnswer.ok();
            }
        };
    }

    /**
     * Freezes the card through its workflow, for its timeline; until then the failure count already stops it paying.
     */
    private void lockOut(String cardId) {
        try {
            CardWorkflows.stub(workflows, cardId).lockOut();
        } catch (WorkflowException notActive) {
            log.warn("Card {} took its last wrong PIN but its workflow did not freeze it", cardId, notActive);
        }
    }

    /** Starts the payment workflows of taps reserved before {@code before} and not paid; for the sweep. */
    int startUnstarted(java.time.Instant before) {
        var paying = withdrawals.payingSince(before, 100);
        paying.forEach(tap -> CardTapWorkflows.start(workflows, CardTapOrder.of(tap)));
        return paying.size();
    }

    /** The decoded invoice, or what makes it unpayable by any card wherever it belongs (where it goes comes after). */
    private record Decoding(DecodedInvoice invoice, String problem) {

        static Decoding refused(String problem) {
            return new Decoding(null, problem);
        }
    }

    /** Decodes {@code bolt11} once, on the node; the callback goes on with the result. */
    private Decoding decode(String bolt11) {
        if (bolt11.isEmpty()) {
            return Decoding.refused("The pr parameter (a BOLT11 invoice) is missing");
        }
        if (destinations.kind(bolt11) != DestinationKind.BOLT11) {
            return Decoding.refused("pr is not a BOLT11 invoice");
        }
        DecodedInvoice invoice;
        try {
            invoice = node.decode(bolt11);
        } catch (RuntimeException malformed) {
            return Decoding.refused("The invoice cannot be decoded: " + malformed.getMessage());
        }
        if (!invoice.hasAmount()) {
            return Decoding.refused("The invoice has no amount");
        }
        if (invoice.amountMsat() < MIN_WITHDRAWABLE_MSAT) {
            return Decoding.refused("The invoice asks for less than the minWithdrawable of 1000 msat");
        }
        return new Decoding(invoice, null);
    }
}
