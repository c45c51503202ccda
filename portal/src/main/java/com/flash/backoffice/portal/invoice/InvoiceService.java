package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceQuery;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStartOutbox;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.LedgerEntryQuery;
import com.flash.backoffice.db.ledger.PostedEntry;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.invoice.MarkRequest;
import com.flash.backoffice.workflows.invoice.MarkResult;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LightningNodeException;
import com.flash.backoffice.workflows.rate.RateProperties;
import com.flash.backoffice.workflows.watch.SimulatedPayments;
import com.flash.backoffice.workflows.webhook.WebhookDeliveries;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoices: create (the row, then its workflow), read, list and mark. Staff reach it through the portal; the
 * REST API reaches it with an API key's store permissions.
 */
@Service
public class InvoiceService {

    private static final Logger log = LoggerFactory.getLogger(InvoiceService.class);

    static final String READERS = "hasAnyRole('ADMIN', 'FINANCE', 'SUPPORT', 'ACCOUNTANT')";
    static final String CREATORS = "hasAnyRole('ADMIN', 'FINANCE', 'SUPPORT')";
    static final String MARKERS = "hasAnyRole('" + StaffRoles.SUPPORT + "', '" + StaffRoles.FINANCE + "')";

    private final InvoiceRepository invoices;
    private final MerchantRepository merchants;
    private final ExchangeRateRepository rates;
    private final RateProperties rateProperties;
    private final WorkflowClient workflows;
    private final TransactionTemplate transaction;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final LightningInvoices lightningInvoices;
    private final InvoiceAddressRepository addresses;
    private final SimulatedPayments simulatedPayments;
    private final WebhookRepository webhooks;
    private final LedgerEntryQuery ledgerEntries;
    private final InvoiceCompletion completion;
    private final InvoiceStartOutbox outbox;

    InvoiceService(
            InvoiceRepository invoices,
            MerchantRepository merchants,
            ExchangeRateRepository rates,
            RateProperties rateProperties,
            WorkflowClient workflows,
            TransactionTemplate transaction,
            AuditService audit,
            CurrentUser currentUser,
            LightningInvoices lightningInvoices,
            InvoiceAddressRepository addresses,
            SimulatedPayments simulatedPayments,
            WebhookRepository webhooks,
            LedgerEntryQuery ledgerEntries,
            InvoiceCompletion completion,
            InvoiceStartOutbox outbox) {
        this.invoices = invoices;
        this.merchants = merchants;
        this.rates = rates;
        this.rateProperties = rateProperties;
        this.workflows = workflows;
        this.transaction = transaction;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = Clock.systemUTC();
        this.lightningInvoices = lightningInvoices;
        this.addresses = addresses;
        this.simulatedPayments = simulatedPayments;
        this.webhooks = webhooks;
        this.ledgerEntries = ledgerEntries;
        this.completion = completion;
        this.outbox = outbox;
    }

    /**
     * Stores the invoice and starts its workflow. The row commits first (with its {@link InvoiceStartOutbox} entry) so
     * the workflow's activities find it; once it has committed the answer is the invoice, even when what follows
     * fails: the sweep of unfinished invoices ({@link UnstartedInvoices}) finishes it, so an error answer means that
     * nothing was stored.
     */
    @PreAuthorize(CREATORS + " or @storePermissions.has(#merchantId, 'btcpay.store.cancreateinvoice')")
    public InvoiceCreateResult create(String merchantId, InvoiceDraft draft) {
        return createInvoice(merchantId, draft, () -> {}, stored -> {});
    }

    /**
     * As {@link #create(String, InvoiceDraft)}, and runs {@code alsoInTransaction} with the stored invoice in the
     * transaction that stores it (the API records the invoice under the request's Idempotency-Key there).
     */
    @PreAuthorize(CREATORS + " or @storePermissions.has(#merchantId, 'btcpay.store.cancreateinvoice')")
    public InvoiceCreateResult create(String merchantId, InvoiceDraft draft, Consumer<Invoice> alsoInTransaction) {
        return createInvoice(merchantId, draft, () -> {}, alsoInTransaction);
    }

    /**
     * Finishes the creation of a stored invoice whose request failed after the row committed: its payment
     * methods and its workflow, each of which returns what exists when it ran before.
     */
    @PreAuthorize(CREATORS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.cancreateinvoice')")
    public Invoice finishCreation(String invoiceId) {
        Invoice invoice =
                invoices.findById(invoiceId).orElseThrow(() -> new IllegalArgumentException("No invoice " + invoiceId));
        completion.finish(invoice);
        return invoice;
    }

    /**
     * The pay button a merchant pastes into a web page: anyone may create an invoice, but only for a merchant that
     * turned on "Allow anyone to create invoice" (BTCPay's store setting); any other store is "not found".
     */
    @PreAuthorize("permitAll()")
    public InvoiceCreateResult createFromPayButton(String merchantId, InvoiceDraft draft, Runnable beforeInsert) {
        if (merchantId == null || !merchants.anyoneCanCreateInvoice(merchantId)) {
            return new InvoiceCreateResult.MerchantNotFound();
        }
        return createInvoice(merchantId, draft, beforeInsert, stored -> invoices.markAnonymous(stored.id()));
    }

    /**
     * {@code beforeInsert} runs in the invoice's transaction before the row is written: a limit it checks (after
     * taking a lock) holds until the invoice commits, and an exception it throws writes nothing.
     */
    private InvoiceCreateResult createInvoice(
            String merchantId, InvoiceDraft draft, Runnable beforeInsert, Consumer<Invoice> alsoInTransaction) {
        Optional<Merchant> merchant = merchants.findById(merchantId);
        if (merchant.isEmpty()) {
            return new InvoiceCreateResult.MerchantNotFound();
        }
        Instant pricedAt = clock.instant();
        InvoiceTerms.Resolved terms = InvoiceTerms.resolve(
                merchant.get(),
                draft,
                currency -> InvoicePricing.FiatRate.of(rates.current(currency), pricedAt, rateProperties.maxAge()));
        if (!terms.errors().isEmpty()) {
            return new InvoiceCreateResult.Invalid(terms.errors());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(Duration.ofMinutes(terms.expirationMinutes()));
        NewInvoice invoice = new NewInvoice(
                merchantId,
                terms.price().amountMsat(),
                terms.price().currency(),
                terms.price().fiatAmount(),
                terms.price().rate(),
                terms.orderId(),
                terms.metadataJson(),
                terms.speedPolicy(),
                terms.toleranceBasisPoints(),
                NewInvoice.basisPoints(merchant.get().processingFeePct()),
                now,
                expiresAt,
                expiresAt.plus(Duration.ofMinutes(terms.monitoringMinutes())));
        Invoice created = transaction.execute(status -> {
            beforeInsert.run();
            Invoice stored = invoices.create(invoice);
            outbox.add(stored.id(), now);
            if (currentUser.get().isPresent()) {
                audit.record("invoice.create", "invoice", stored.id(), null, stored, null);
            }
            alsoInTransaction.accept(stored);
            return stored;
        });
        completion.finishAfterCommit(created);
        return new InvoiceCreateResult.Created(created);
    }

    /**
     * The address and BOLT11 invoice the customer may pay, as the checkout page and the API show them: the BOLT11 is
     * for the amount still due (created here after a partial payment, see {@link LightningInvoices#forAmountDue}).
     */
    @PreAuthorize(READERS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.canviewinvoices')")
    public PaymentDestinations paymentDestinations(String invoiceId) {
        return new PaymentDestinations(
                addresses.findByInvoice(invoiceId).map(InvoiceAddress::address).orElse(null),
                invoices.findById(invoiceId).map(this::offeredBolt11).orElse(null));
    }

    /** An unreachable Lightning node offers no BOLT11 rather than one for an amount no longer due. */
    private String offeredBolt11(Invoice invoice) {
        try {
            return lightningInvoices
                    .forAmountDue(invoice, "Flash invoice " + invoice.id())
                    .map(InvoiceLightning::bolt11)
                    .orElse(null);
        } catch (LightningNodeException e) {
            log.warn("Invoice {}: no Lightning invoice for the amount due ({})", invoice.id(), e.getMessage());
            return null;
        }
    }

    public record PaymentDestinations(String address, String bolt11) {}

    /** Development only: pays the invoice on the simulated network, as a customer's wallet would. */
    @PreAuthorize(CREATORS)
    public String simulatePayment(String invoiceId, boolean lightningNetwork) {
        if (!simulatedPayments.available()) {
            throw new IllegalStateException("Payments can only be simulated on the simulated network.");
        }
        Invoice invoice = invoices.findById(invoiceId).orElseThrow();
        PaymentDestinations destinations = paymentDestinations(invoiceId);
        long dueMsat = invoice.amountMsat() == null ? 100_000_000L : invoice.amountMsat() - invoice.paidMsat();
        if (lightningNetwork && destinations.bolt11() != null) {
            simulatedPayments.payLightning(destinations.bolt11());
            return "Paid the Lightning invoice on the simulated network.";
        }
        if (destinations.address() == null) {
            return "This invoice has no on-chain address (the merchant has no watch-only key).";
        }
        simulatedPayments.payOnChain(destinations.address(), Math.ceilDiv(Math.max(dueMsat, 1_000L), 1_000L));
        return "Sent the amount due to the address on the simulated network (unconfirmed: mine a block to confirm).";
    }

    /** Development only: mines blocks on the simulated network so payments confirm. */
    @PreAuthorize(CREATORS)
    public void simulateBlocks(int blocks) {
        if (!simulatedPayments.available()) {
            throw new IllegalStateException("Blocks can only be mined on the simulated network.");
        }
        simulatedPayments.mine(blocks);
    }

    @PreAuthorize(READERS)
    public boolean networkIsSimulated() {
        return simulatedPayments.available();
    }

    /** Starts the invoice's workflow unless it already runs (a retried create, or a repair after a failure). */
    @PreAuthorize(CREATORS + " or @storePermissions.has(#invoice.merchantId(), 'btcpay.store.cancreateinvoice')")
    public void ensureWorkflow(Invoice invoice) {
        completion.startWorkflow(invoice);
    }

    /** Asks whichever workflow of the invoice is parked on a refused ledger posting (its own, or a closed-invoice mark) to try again; audited. */
    @PreAuthorize("hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')")
    public void retryPosting(String invoiceId) {
        Invoice invoice =
                invoices.findById(invoiceId).orElseThrow(() -> new IllegalArgumentException("No invoice " + invoiceId));
        if (!invoice.needsAttention()) {
            throw new IllegalArgumentException("Invoice " + invoiceId + " needs no attention.");
        }
        transaction.executeWithoutResult(status -> {
            audit.record("invoice.retry-posting", "invoice", invoiceId, null, null, invoice.attentionReason());
            InvoiceWorkflows.retryPosting(workflows, invoiceId);
        });
    }

    @PreAuthorize(READERS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.canviewinvoices')")
    public Optional<Invoice> find(String invoiceId) {
        return invoices.findById(invoiceId);
    }

    @PreAuthorize(READERS)
    public List<Invoice> list(InvoiceQuery query) {
        return invoices.find(query);
    }

    @PreAuthorize(READERS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.canviewinvoices')")
    public List<InvoicePayment> payments(String invoiceId) {
        return invoices.findPayments(invoiceId);
    }

    @PreAuthorize(READERS)
    public List<InvoiceEvent> events(String invoiceId) {
        return invoices.findEvents(invoiceId);
    }

    /** What the ledger booked for this invoice: its settlement and any reversal, in the order posted. */
    @PreAuthorize(READERS)
    public List<PostedEntry> ledgerEntries(String invoiceId) {
        return ledgerEntries.withSourceKeyPrefix("invoice-" + invoiceId + "-settlement");
    }

    /** The webhook deliveries of this invoice's events (newest first), with their answers. */
    @PreAuthorize(READERS)
    public List<WebhookDelivery> webhookDeliveries(String invoiceId) {
        return webhooks.listDeliveriesForInvoice(invoiceId, 200);
    }

    /**
     * BTCPay's manual redelivery from the invoice page: the same body under a new delivery id, sent once. Only a
     * delivery of one of this invoice's events; audited.
     */
    @PreAuthorize(CREATORS)
    public WebhookDelivery redeliverWebhook(String invoiceId, String deliveryId) {
        WebhookDelivery old = webhooks.findDelivery(deliveryId)
                .filter(delivery -> delivery.eventId() != null
                        && invoices.findEvents(invoiceId).stream().anyMatch(event -> event.id() == delivery.eventId()))
                .orElseThrow(() -> new IllegalArgumentException(
                        "Delivery " + deliveryId + " is not a delivery of invoice " + invoiceId + "."));
        WebhookDelivery created = WebhookDeliveries.redeliver(webhooks, workflows, old);
        audit.record(
                "webhook.redeliver",
                "webhook-delivery",
                created.id(),
                null,
                null,
                "of delivery " + deliveryId + " for invoice " + invoiceId);
        return created;
    }

    /** Merchants to pick from when creating or filtering invoices, by name. */
    @PreAuthorize(READERS)
    public List<MerchantChoice> merchantChoices() {
        return merchants.findAll(0, 1_000, null).stream()
                .map(merchant -> new MerchantChoice(merchant.id(), merchant.name(), merchant.defaultCurrency()))
                .toList();
    }

    public record MerchantChoice(String id, String name, String defaultCurrency) {}

    /** Staff mark an invoice settled or invalid, with a reason; the workflow applies BTCPay's rules. */
    @PreAuthorize(MARKERS + " or @storePermissions.hasOnInvoice(#invoiceId, 'btcpay.store.canmodifyinvoices')")
    public MarkResult mark(String invoiceId, MarkTarget target, String reason) {
        Invoice before =
                invoices.findById(invoiceId).orElseThrow(() -> new IllegalArgumentException("No invoice " + invoiceId));
        String actor = currentUser.require().username();
        String strippedReason = reason == null ? "" : reason.strip();
        MarkResult result = InvoiceWorkflows.mark(workflows, invoiceId, new MarkRequest(target, actor, strippedReason));
        Invoice after = invoices.findById(invoiceId).orElseThrow();
        if (result == MarkResult.MARKED || showsMark(after, target, strippedReason)) {
            // Once per stored revision: the same mark may be reported twice (the update applied, then the closed-
            // workflow fallback answered "already settled"; or staff retried a mark whose audit was lost).
            audit.recordOnce(
                    "invoice-mark:" + invoiceId + ":" + after.revision(),
                    "invoice.mark-" + target.name().toLowerCase(),
                    "invoice",
                    invoiceId,
                    before,
                    after,
                    reason);
        }
        return result;
    }

    /** The stored invoice carries exactly this mark (status, Marked, the same reason). */
    private static boolean showsMark(Invoice invoice, MarkTarget target, String reason) {
        return invoice.status() == target.status()
                && invoice.additionalStatus() == InvoiceAdditionalStatus.MARKED
                && reason.equals(invoice.statusReason());
    }
}
