package com.flash.backoffice.portal.refund.claim;

import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.portal.lnurl.LnurlWithdrawAnswer;
import com.flash.backoffice.portal.refund.RefundClaimPaths;
import com.flash.backoffice.workflows.command.CommandRefusals;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.payment.Bech32Lnurl;
import com.flash.backoffice.workflows.payment.DestinationKind;
import com.flash.backoffice.workflows.payment.DestinationProblem;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.refund.RefundClaim;
import com.flash.backoffice.workflows.refund.RefundRefusals;
import com.flash.backoffice.workflows.refund.RefundWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The customer's side of a refund, with no login: the claim page and LNURL-withdraw (LUD-03). The claim token (in the
 * link) and the single-use k1 are the only keys; a claim is checked completely before its k1 is taken, and the k1 is
 * taken before the workflow is told, so a k1 pays at most once and a refused claim writes nothing.
 */
@Service
public class RefundClaims {

    private static final Logger log = LoggerFactory.getLogger(RefundClaims.class);

    private final RefundRepository refunds;
    private final LightningNode node;
    private final PaymentDestinations destinations;
    private final WorkflowClient workflows;
    private final ApiLinks links;
    private final PublicRateLimiter limiter;

    RefundClaims(
            RefundRepository refunds,
            LightningNode node,
            PaymentDestinations destinations,
            WorkflowClient workflows,
            ApiLinks links,
            PublicRateLimiter limiter) {
        this.refunds = refunds;
        this.node = node;
        this.destinations = destinations;
        this.workflows = workflows;
        this.links = links;
        this.limiter = limiter;
    }

    /** The claim page is public: its views are rate-limited per client address as the LNURL routes are. */
    @PreAuthorize("permitAll()")
    public boolean allowPage(String clientAddress) {
        return limiter.tryTake("refund-claim-page", clientAddress).isEmpty();
    }

    @PreAuthorize("permitAll()")
    public Optional<ClaimPage> page(String claimToken) {
        String baseUrl = links.base();
        return refunds.findByClaimToken(claimToken)
                .map(refund -> new ClaimPage(
                        refund.id(),
                        refund.invoiceId(),
                        refund.amountMsat(),
                        refund.state(),
                        refund.claimExpiresAt(),
                        refund.claimable(now())
                                ? Bech32Lnurl.encode(baseUrl + RefundClaimPaths.withdrawRequest(claimToken))
                                : null));
    }

    /** LUD-03's first step: the withdraw request of a refund awaiting its claim, or why there is none. */
    LnurlWithdrawAnswer withdrawRequest(String claimToken) {
        String baseUrl = links.base();
        Optional<Refund> found = refunds.findByClaimToken(claimToken);
        if (found.isEmpty()) {
            return LnurlWithdrawAnswer.error("Unknown refund link");
        }
        Refund refund = found.get();
        Optional<String> closed = closedReason(refund);
        if (closed.isPresent()) {
            return LnurlWithdrawAnswer.error(closed.get());
        }
        return new LnurlWithdrawAnswer.WithdrawRequest(
                "withdrawRequest",
                baseUrl + RefundClaimPaths.LNURLW_CALLBACK,
                refund.k1(),
                "Refund of invoice " + refund.invoiceId(),
                refund.amountMsat(),
                refund.amountMsat());
    }

    /** LUD-03's callback: checks the invoice, takes the k1 once, and hands the claim to the refund's workflow. */
    LnurlWithdrawAnswer claim(String k1, String bolt11) {
        if (k1 == null || k1.isBlank()) {
            return LnurlWithdrawAnswer.error("The k1 parameter is missing");
        }
        Optional<Refund> found = refunds.findByK1(k1.strip());
        if (found.isEmpty()) {
            return LnurlWithdrawAnswer.error("Unknown or already used k1");
        }
        Refund refund = found.get();
        if (refund.k1UsedAt() != null) {
            return LnurlWithdrawAnswer.error("This k1 was already used: the refund is being paid");
        }
        Optional<String> closed = closedReason(refund);
        if (closed.isPresent()) {
            return LnurlWithdrawAnswer.error(closed.get());
        }
        Optional<String> invalid = invoiceProblem(refund, bolt11 == null ? "" : bolt11.strip());
        if (invalid.isPresent()) {
            return LnurlWithdrawAnswer.error(invalid.get());
        }
        if (!refunds.consumeK1(refund.k1(), now())) {
            return LnurlWithdrawAnswer.error("This k1 was already used or the claim expired");
        }
        try {
            RefundWorkflows.stub(workflows, refund.id()).claim(RefundClaim.byCustomer(bolt11.strip()));
        } catch (WorkflowException refused) {
            log.info("Refund {}: a customer claim was refused by its workflow", refund.id());
            return LnurlWithdrawAnswer.error(CommandRefusals.refusalIn(refused)
                    .map(RefundRefusals::message)
                    .orElse("The refund cannot be claimed now"));
        }
        return LnurlWithdrawAnswer.ok();
    }

    private Optional<String> invoiceProblem(Refund refund, String bolt11) {
        if (bolt11.isEmpty()) {
            return Optional.of("The pr parameter (a BOLT11 invoice) is missing");
        }
        if (destinations.kind(bolt11) != DestinationKind.BOLT11) {
            return Optional.of("pr is not a BOLT11 invoice");
        }
        DecodedInvoice invoice;
        try {
            invoice = node.decode(bolt11);
        } catch (RuntimeException malformed) {
            return Optional.of("The invoice cannot be decoded: " + malformed.getMessage());
        }
        long amount = refund.amountMsat();
        if (!invoice.hasAmount()) {
            return Optional.of("The invoice has no amount: make one for exactly " + amount + " msat");
        }
        if (invoice.amountMsat() > amount) {
            return Optional.of("The invoice asks for " + invoice.amountMsat() + " msat, above the maxWithdrawable of "
                    + amount + " msat");
        }
        if (invoice.amountMsat() < amount) {
            return Optional.of("The invoice asks for " + invoice.amountMsat() + " msat, below the minWithdrawable of "
                    + amount + " msat");
        }
        return destinations.problem(bolt11, amount).map(DestinationProblem::message);
    }

    private Optional<String> closedReason(Refund refund) {
        Instant now = now();
        return switch (refund.state()) {
            case AWAITING_APPROVAL -> Optional.of("The refund is not approved yet");
            case IN_PROGRESS -> Optional.of("The refund is being paid");
            case COMPLETED -> Optional.of("The refund was paid already");
            case CANCELLED -> Optional.of("The refund was cancelled");
            case EXPIRED -> Optional.of("The claim expired");
            case AWAITING_CLAIM ->
                refund.claimExpiresAt() != null && !now.isBefore(refund.claimExpiresAt())
                        ? Optional.of("The claim expired")
                        : Optional.empty();
        };
    }

    private static Instant now() {
        return UtcTimestamps.now();
    }
}
