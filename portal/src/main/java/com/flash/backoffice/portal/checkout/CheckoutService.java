package com.flash.backoffice.portal.checkout;

import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.api.InvoiceApiRepository.ApiInvoiceFields;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.api.PublicRateLimiter;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LightningNodeException;
import com.flash.backoffice.workflows.watch.SimulatedPayments;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The customer's view of one invoice, for the public checkout link; anyone holding the link may read it. */
@Service
public class CheckoutService {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Logger log = LoggerFactory.getLogger(CheckoutService.class);
    static final String POLL_RATE_GROUP = "checkout-poll";

    private final InvoiceRepository invoices;
    private final MerchantRepository merchants;
    private final InvoiceAddressRepository addresses;
    private final LightningInvoices lightning;
    private final SimulatedPayments simulatedPayments;
    private final InvoiceApiRepository apiFields;
    private final PublicRateLimiter limiter;

    CheckoutService(
            InvoiceRepository invoices,
            MerchantRepository merchants,
            InvoiceAddressRepository addresses,
            LightningInvoices lightning,
            SimulatedPayments simulatedPayments,
            InvoiceApiRepository apiFields,
            PublicRateLimiter limiter) {
        this.limiter = limiter;
        this.invoices = invoices;
        this.merchants = merchants;
        this.addresses = addresses;
        this.lightning = lightning;
        this.simulatedPayments = simulatedPayments;
        this.apiFields = apiFields;
    }

    /**
     * Whether the page of a client at {@code clientAddress} may read the invoice again now: status polling is
     * rate-limited per address like the other public routes; a refused poll keeps showing what it showed.
     */
    @PreAuthorize("permitAll()")
    public boolean mayRefresh(String clientAddress) {
        return limiter.tryTake(POLL_RATE_GROUP, clientAddress).isEmpty();
    }

    /** Whether payments are simulated (development): the page must then say no real bitcoin moves. */
    @PreAuthorize("permitAll()")
    public boolean networkIsSimulated() {
        return simulatedPayments.available();
    }

    @PreAuthorize("permitAll()")
    public Optional<Checkout> checkout(String invoiceId) {
        return invoices.findById(invoiceId).map(this::toCheckout);
    }

    private Checkout toCheckout(Invoice invoice) {
        String merchantName =
                merchants.findById(invoice.merchantId()).map(Merchant::name).orElse("");
        Long due = invoice.amountMsat() == null ? null : Math.max(0, invoice.amountMsat() - invoice.paidMsat());
        int confirmations = invoices.findPayments(invoice.id()).stream()
                .filter(payment -> payment.status() != PaymentStatus.DROPPED)
                .mapToInt(InvoicePayment::confirmations)
                .min()
                .orElse(0);
        return new Checkout(
                invoice.id(),
                merchantName,
                invoice.amountMsat(),
                invoice.fiatAmount() == null ? null : invoice.fiatAmount().toPlainString() + " " + invoice.currency(),
                invoice.status().btcpayName(),
                invoice.additionalStatus().btcpayName(),
                invoice.paidMsat(),
                due,
                confirmations,
                invoice.speedPolicy().confirmations(),
                invoice.expiresAt(),
                addresses
                        .findByInvoice(invoice.id())
                        .map(InvoiceAddress::address)
                        .orElse(null),
                offeredBolt11(invoice),
                redirectUrl(invoice));
    }

    /**
     * The BOLT11 for the amount still due, created on the first read after a partial payment (as BTCPay's checkout
     * does); none while the Lightning node cannot be reached, rather than one for an amount no longer due.
     */
    private String offeredBolt11(Invoice invoice) {
        try {
            return lightning
                    .forAmountDue(invoice, "Flash invoice " + invoice.id())
                    .map(InvoiceLightning::bolt11)
                    .orElse(null);
        } catch (LightningNodeException e) {
            log.warn("Invoice {}: no Lightning invoice for the amount due ({})", invoice.id(), e.getMessage());
            return null;
        }
    }

    /**
     * Where to send the customer when done: the API's {@code checkout.redirectURL}, else a {@code redirectURL}
     * in the metadata (as some BTCPay clients put it); only http(s), so the link cannot run script.
     */
    private String redirectUrl(Invoice invoice) {
        String url = apiFields
                .fields(invoice.id())
                .map(ApiInvoiceFields::redirectUrl)
                .orElse(null);
        if (url == null) {
            JsonNode fromMetadata = JSON.readTree(invoice.metadataJson()).get("redirectURL");
            url = fromMetadata != null && fromMetadata.isString() ? fromMetadata.asString() : null;
        }
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }
}
