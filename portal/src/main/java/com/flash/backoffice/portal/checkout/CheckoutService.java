package com.flash.backoffice.portal.checkout;

import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.workflows.watch.SimulatedPayments;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The customer's view of one invoice, for the public checkout link; anyone holding the link may read it. */
@Service
public class CheckoutService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final InvoiceRepository invoices;
    private final MerchantRepository merchants;
    private final InvoiceAddressRepository addresses;
    private final InvoiceLightningRepository lightning;
    private final SimulatedPayments simulatedPayments;

    CheckoutService(
            InvoiceRepository invoices,
            MerchantRepository merchants,
            InvoiceAddressRepository addresses,
            InvoiceLightningRepository lightning,
            SimulatedPayments simulatedPayments) {
        this.invoices = invoices;
        this.merchants = merchants;
        this.addresses = addresses;
        this.lightning = lightning;
        this.simulatedPayments = simulatedPayments;
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
                lightning
                        .findByInvoice(invoice.id())
                        .map(InvoiceLightning::bolt11)
                        .orElse(null),
                redirectUrl(invoice.metadataJson()));
    }

    /** BTCPay clients put the return address in the checkout options; it is kept with the metadata here. */
    private static String redirectUrl(String metadataJson) {
        JsonNode metadata = JSON.readTree(metadataJson);
        JsonNode url = metadata.get("redirectURL");
        if (url == null || !url.isString()) {
            return null;
        }
        String text = url.asString();
        return text.startsWith("https://") || text.startsWith("http://") ? text : null;
    }
}
