package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.MerchantBalances;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.NewRefund;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundAmounts;
import com.flash.backoffice.db.refund.RefundEvent;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundQuoteResult;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundRules;
import com.flash.backoffice.db.refund.RefundSource;
import com.flash.backoffice.db.refund.RefundStartResult;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.payout.PayoutProperties;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.workflows.command.CommandRefusals;
import com.flash.backoffice.workflows.payment.DestinationProblem;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.refund.RefundClaim;
import com.flash.backoffice.workflows.refund.RefundCommand;
import com.flash.backoffice.workflows.refund.RefundRefusals;
import com.flash.backoffice.workflows.refund.RefundRequest;
import com.flash.backoffice.workflows.refund.RefundWorkflow;
import com.flash.backoffice.workflows.refund.RefundWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds of invoices. A start is validated and quoted, stored with its cap check and audited in one transaction,
 * then its workflow starts; approval, reservation, claim and payment are the workflow's, whose validators hold the
 * rules, so no screen or route can skip one. SUPPORT starts them; FINANCE approves what SUPPORT may not.
 */
@Service
public class RefundService {

    static final String READERS = "hasAnyRole('SUPPORT', 'FINANCE', 'ACCOUNTANT', 'ADMIN')";
    static final String AGENTS = "hasAnyRole('SUPPORT', 'FINANCE')";
    static final String STARTERS =
            AGENTS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.cancreatenonapprovedpullpayments')";

    private final RefundRepository refunds;
    private final InvoiceRepository invoices;
    private final ExchangeRateRepository rates;
    private final SuspenseReceiptRepository suspense;
    private final LedgerRepository ledger;
    private final MerchantRepository merchants;
    private final PaymentDestinations destinations;
    private final RefundProperties properties;
    private final PayoutProperties paymentLimits;
    private final WorkflowClient workflows;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final TransactionTemplate transaction;

    RefundService(
            RefundRepository refunds,
            InvoiceRepository invoices,
            ExchangeRateRepository rates,
            SuspenseReceiptRepository suspense,
            LedgerRepository ledger,
            MerchantRepository merchants,
            PaymentDestinations destinations,
            RefundProperties properties,
            PayoutProperties paymentLimits,
            WorkflowClient workflows,
            AuditService audit,
            CurrentUser currentUser,
            TransactionTemplate transaction) {
        this.refunds = refunds;
        this.invoices = invoices;
        this.rates = rates;
        this.suspense = suspense;
        this.ledger = ledger;
        this.merchants = merchants;
        this.destinations = destinations;
        this.properties = properties;
        this.paymentLimits = paymentLimits;
        this.workflows = workflows;
        this.audit = audit;
        this.currentUser = currentUser;
        this.transaction = transaction;
    }

    /** Each variant's amount for the invoice with the draft's percentage and custom amount, before anything is kept. */
    @PreAuthorize(STARTERS)
    public List<RefundPreview> preview(String invoiceId, RefundDraft draft) {
        Optional<Invoice> invoice = invoices.findById(invoiceId);
        if (invoice.isEmpty()) {
            return List.of();
        }
        List<RefundPreview> previews = new ArrayList<>();
        for (RefundVariant variant : RefundVariant.values()) {
            RefundDraft asVariant = new RefundDraft(
                    variant,
                    draft.subtractPercentage(),
                    draft.customAmount(),
                    draft.customCurrency(),
                    draft.reason(),
                    draft.destination(),
                    draft.suspenseReceiptId(),
                    draft.allowNegativeBalance());
            switch (quote(invoice.get(), asVariant)) {
                case RefundQuoteResult.Quoted quoted ->
                    previews.add(new RefundPreview(variant, quoted.quote(), null, !selfApproves(quoted.quote())));
                case RefundQuoteResult.Refused refused ->
                    previews.add(new RefundPreview(variant, null, refused.message(), true));
            }
        }
        return previews;
    }

    /** The quote of one variant (the API's preview route), or why it has none. */
    @PreAuthorize(STARTERS)
    public Optional<RefundQuoteResult> quote(String invoiceId, RefundDraft draft) {
        return invoices.findById(invoiceId).map(invoice -> quote(invoice, draft));
    }

    /**
     * Validates and quotes the draft, then stores the refund (checked against what was paid on the invoice and what
     * covers it) and its audit entry in one transaction, then starts its workflow. A refusal writes nothing.
     */
    @PreAuthorize(STARTERS)
    public RefundStartOutcome start(String invoiceId, RefundDraft draft, RefundOrigin origin) {
        Optional<Invoice> found = invoices.findById(invoiceId);
        if (found.isEmpty()) {
            return new RefundStartOutcome.UnknownInvoice();
        }
        Invoice invoice = found.get();
        Optional<String> notRefundable = RefundRules.refusal(invoice);
        if (notRefundable.isPresent()) {
            return new RefundStartOutcome.Refused("invoice-not-refundable", notRefundable.get());
        }
        CurrentUser.Staff requester = currentUser.require();
        Map<RefundField, String> errors = new EnumMap<>(RefundField.class);
        String reason = draft.reason() == null ? "" : draft.reason().strip();
        if (reason.isEmpty()) {
            errors.put(RefundField.REASON, "Give the reason for the refund (the customer's request, the ticket...)");
        } else if (reason.length() > RefundRules.MAX_REASON_LENGTH) {
            errors.put(RefundField.REASON, "The reason takes at most " + RefundRules.MAX_REASON_LENGTH + " characters");
        }
        if (draft.allowNegativeBalance() && !requester.has(Role.FINANCE)) {
            errors.put(
                    RefundField.ALLOW_NEGATIVE_BALANCE,
                    "Only FINANCE may let a merchant's balance go negative for a refund");
        }
        if (draft.allowNegativeBalance() && draft.suspenseReceiptId() != null) {
            errors.put(
                    RefundField.ALLOW_NEGATIVE_BALANCE, "A refund from suspense does not touch the merchant's balance");
        }
        RefundQuote quote = null;
        if (draft.variant() == null) {
            errors.put(
                    RefundField.VARIANT,
                    "Choose how much to refund: RateThen, CurrentRate, Fiat, OverpaidAmount" + " or Custom");
        } else {
            switch (quote(invoice, draft)) {
                case RefundQuoteResult.Quoted quoted -> quote = quoted.quote();
                case RefundQuoteResult.Refused refused ->
                    errors.put(RefundField.ofQuoteField(refused.field()), refused.message());
            }
        }
        String destination = draft.destination() == null || draft.destination().isBlank()
                ? null
                : draft.destination().strip();
        if (destination != null && quote != null) {
            destinations
                    .problem(destination, quote.amountMsat())
                    .map(DestinationProblem::message)
                    .ifPresent(message -> errors.put(RefundField.DESTINATION, message));
        }
        if (!errors.isEmpty()) {
            return new RefundStartOutcome.Invalid(errors);
        }
        RefundSource source = draft.suspenseReceiptId() == null ? RefundSource.MERCHANT : RefundSource.SUSPENSE;
        NewRefund request = new NewRefund(
                invoice.id(),
                quote,
                source,
                draft.suspenseReceiptId(),
                reason,
                draft.allowNegativeBalance(),
                destination,
                origin,
                requester.username(),
                paymentLimits.feeLimitMsat(quote.amountMsat()));
        RefundStartResult result = transaction.execute(status -> {
            RefundStartResult started = refunds.start(request);
            if (started instanceof RefundStartResult.Created created) {
                audit.record(
                        "refund.start",
                        "refund",
                        created.refund().id(),
                        null,
                        created.refund(),
                        reason + (draft.allowNegativeBalance() ? " (negative merchant balance allowed)" : ""));
            }
            return started;
        });
        return switch (result) {
            case RefundStartResult.Created created -> {
                startWorkflow(created.refund());
                yield new RefundStartOutcome.Created(created.refund());
            }
            case RefundStartResult.UnknownInvoice unknown -> new RefundStartOutcome.UnknownInvoice();
            case RefundStartResult.NotRefundable refused ->
                new RefundStartOutcome.Refused("invoice-not-refundable", refused.reason());
            case RefundStartResult.ExceedsPaid exceeds ->
                new RefundStartOutcome.Refused(
                        "refund-exceeds-paid",
                        "The refunds of this invoice would exceed what was paid on it: "
                                + exceeds.paid().toBtcString()
                                + " BTC paid, " + exceeds.alreadyRefunded().toBtcString() + " BTC refunded or pending, "
                                + exceeds.remaining().toBtcString() + " BTC left to refund");
            case RefundStartResult.InsufficientBalance insufficient ->
                new RefundStartOutcome.Refused(
                        "insufficient-balance",
                        "The merchant's payable balance ("
                                + insufficient.payable().toBtcString()
                                + " BTC) cannot cover this refund; FINANCE may start it allowing a negative balance,"
                                + " or refund it from suspense");
            case RefundStartResult.SuspenseUnavailable unavailable ->
                new RefundStartOutcome.Refused("suspense-unavailable", unavailable.reason());
        };
    }

    /** Starts the refund's workflow unless it runs already (after a failed start, say). */
    void startWorkflow(Refund refund) {
        RefundWorkflows.start(
                workflows,
                new RefundRequest(
                        refund.id(),
                        refund.invoiceId(),
                        refund.merchantId(),
                        refund.amountMsat(),
                        refund.feeLimitMsat(),
                        refund.destination(),
                        refund.requestedBy(),
                        "Refund of invoice " + refund.invoiceId() + " ("
                                + refund.variant().greenfieldName() + ")",
                        properties.policy(refund.variant() != RefundVariant.FIAT
                                && refund.amountMsat() <= properties.supportLimitMsat()
                                && requesterMaySelfApprove(refund)),
                        properties.claimExpiry()));
    }

    /** Starts the workflows of refunds stored but never started; for the sweep, which runs without a user. */
    int startUnstarted(Instant requestedBefore) {
        List<Refund> unstarted = refunds.findUnstarted(requestedBefore, 100);
        unstarted.forEach(this::startWorkflow);
        return unstarted.size();
    }

    /** The store (merchant) of the invoice, for the API's "another store's invoice is not found". */
    @PreAuthorize(AGENTS + " or " + READERS
            + " or @storePermissions.hasOnAnyStore('btcpay.store.cancreatenonapprovedpullpayments')"
            + " or @storePermissions.hasOnAnyStore('btcpay.store.canviewinvoices')")
    public Optional<String> storeOf(String invoiceId) {
        return invoices.findById(invoiceId).map(Invoice::merchantId);
    }

    /** The store's refund; empty for a refund of another store. */
    @PreAuthorize(READERS + " or @storePermissions.has(#merchantId, 'btcpay.store.canviewinvoices')"
            + " or @storePermissions.has(#merchantId, 'btcpay.store.cancreatenonapprovedpullpayments')")
    public Optional<Refund> findInStore(String merchantId, String refundId) {
        return refunds.findById(refundId).filter(refund -> refund.merchantId().equals(merchantId));
    }

    @PreAuthorize(READERS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.canviewinvoices')"
            + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.cancreatenonapprovedpullpayments')")
    public List<Refund> forInvoice(String invoiceId) {
        return refunds.findByInvoice(invoiceId);
    }

    @PreAuthorize(READERS)
    public Optional<Refund> find(String refundId) {
        return refunds.findById(refundId);
    }

    /** The merchant's name for a page, or its id when it has none. */
    @PreAuthorize(READERS)
    public String merchantName(String merchantId) {
        return merchants.findById(merchantId).map(Merchant::name).orElse(merchantId);
    }

    /** The merchants a refund list can be narrowed to, by name. */
    @PreAuthorize(READERS)
    public List<Merchant> merchants() {
        return merchants.findAll(0, 1000, null);
    }

    @PreAuthorize(READERS)
    public List<Refund> list(String merchantId, RefundState state, int offset, int limit) {
        return refunds.find(merchantId, state, offset, limit);
    }

    @PreAuthorize(READERS)
    public int count(String merchantId, RefundState state) {
        return refunds.count(merchantId, state);
    }

    @PreAuthorize(READERS)
    public List<RefundEvent> timeline(String refundId) {
        return refunds.timeline(refundId);
    }

    /** What is left to refund on the invoice: paid minus the refunds that hold or took money. */
    @PreAuthorize(STARTERS)
    public long refundableMsat(String invoiceId) {
        return invoices.findById(invoiceId)
                .map(invoice -> Math.max(0, invoice.paidMsat() - refunds.refundedMsat(invoiceId)))
                .orElse(0L);
    }

    @PreAuthorize(STARTERS)
    public MerchantBalances balances(String invoiceId) {
        return ledger.merchantBalances(
                invoices.findById(invoiceId).orElseThrow().merchantId());
    }

    /** The invoice's receipts in suspense that still hold money a refund could come from. */
    @PreAuthorize(STARTERS)
    public List<SuspenseReceipt> openSuspense(String invoiceId) {
        return suspense.findByInvoice(invoiceId).stream()
                .filter(receipt -> receipt.custodial() && receipt.openMsat() > 0)
                .toList();
    }

    @PreAuthorize(AGENTS)
    public RefundCommandOutcome cancel(String refundId, long revision, String reason) {
        return command(refundId, workflow -> workflow.cancel(command(revision, reason)));
    }

    /** An agent enters where to pay (instead of the customer's claim); the destination is checked first. */
    @PreAuthorize(AGENTS)
    public RefundCommandOutcome pay(String refundId, String destination) {
        Optional<Refund> refund = refunds.findById(refundId);
        if (refund.isEmpty()) {
            return RefundCommandOutcome.refused("refund-not-found", "No refund " + refundId, null);
        }
        String to = destination == null ? "" : destination.strip();
        if (to.isEmpty()) {
            return RefundCommandOutcome.refused(
                    "invalid-destination",
                    "Enter where to pay: a BOLT11 invoice, a Lightning address or a Bitcoin address",
                    refund.get());
        }
        Optional<DestinationProblem> problem =
                destinations.problem(to, refund.get().amountMsat());
        if (problem.isPresent()) {
            return RefundCommandOutcome.refused(
                    "invalid-destination", problem.get().message(), refund.get());
        }
        CurrentUser.Staff staff = currentUser.require();
        return command(refundId, workflow -> workflow.claim(new RefundClaim(staff.username(), roles(staff), to)));
    }

    private RefundQuoteResult quote(Invoice invoice, RefundDraft draft) {
        return RefundAmounts.quote(
                invoice,
                draft.variant(),
                draft.subtractPercentage(),
                draft.customAmount(),
                draft.customCurrency(),
                this::btcPrice);
    }

    private Optional<BigDecimal> btcPrice(String currency) {
        return rates.current(currency).map(ExchangeRate::btcPrice);
    }

    private boolean selfApproves(RefundQuote quote) {
        return quote.variant() != RefundVariant.FIAT
                && quote.amountMsat() <= properties.supportLimitMsat()
                && currentUser
                        .get()
                        .map(staff -> staff.roles().isEmpty() || staff.has(Role.SUPPORT))
                        .orElse(false);
    }

    /** SUPPORT, or a merchant's API key (no staff roles), approves its own refunds within the limit. */
    private boolean requesterMaySelfApprove(Refund refund) {
        return currentUser
                .get()
                .filter(staff -> staff.username().equals(refund.requestedBy()))
                .map(staff -> staff.roles().isEmpty() || staff.has(Role.SUPPORT))
                .orElse(false);
    }

    private RefundCommand command(long revision, String note) {
        CurrentUser.Staff staff = currentUser.require();
        return new RefundCommand(staff.username(), roles(staff), revision, note);
    }

    private static List<String> roles(CurrentUser.Staff staff) {
        return staff.roles().stream().map(Enum::name).sorted().toList();
    }

    private RefundCommandOutcome command(String refundId, Function<RefundWorkflow, ?> send) {
        Optional<Refund> before = refunds.findById(refundId);
        if (before.isEmpty()) {
            return RefundCommandOutcome.refused("refund-not-found", "No refund " + refundId, null);
        }
        try {
            send.apply(RefundWorkflows.stub(workflows, refundId));
        } catch (WorkflowNotFoundException ended) {
            return RefundCommandOutcome.refused(
                    "invalid-state",
                    "The refund is " + before.get().state() + " and takes no further command",
                    before.get());
        } catch (WorkflowException refused) {
            ApplicationFailure failure = CommandRefusals.refusalIn(refused).orElseThrow(() -> refused);
            String code = RefundRefusals.type(failure)
                    .map(type -> type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                    .orElse("refused");
            return RefundCommandOutcome.refused(
                    code,
                    RefundRefusals.message(failure),
                    refunds.findById(refundId).orElse(before.get()));
        }
        return RefundCommandOutcome.done(refunds.findById(refundId).orElseThrow());
    }
}
