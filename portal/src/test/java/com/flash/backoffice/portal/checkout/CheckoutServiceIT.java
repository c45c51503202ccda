package com.flash.backoffice.portal.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@PortalSpringTest
class CheckoutServiceIT {

    @Autowired
    CheckoutService checkouts;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    InvoiceApiRepository apiFields;

    @Autowired
    InvoiceLightningRepository lightning;

    private Invoice invoice(String metadata) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Redirect shop " + UUID.randomUUID(), "EUR"));
        Instant now = Instant.now();
        return invoices.create(new NewInvoice(
                merchant.id(),
                1_000_000L,
                "SATS",
                null,
                null,
                null,
                metadata,
                SpeedPolicy.HIGH,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofHours(1))));
    }

    @Test
    void the_apis_redirect_url_is_where_the_customer_goes_when_done() {
        Invoice invoice = invoice("{}");
        apiFields.setRedirectUrl(invoice.id(), "https://shop.example/thanks");

        Checkout checkout = checkouts.checkout(invoice.id()).orElseThrow();

        assertThat(checkout.redirectUrl()).isEqualTo("https://shop.example/thanks");
        assertThat(checkout.merchantName()).startsWith("Redirect shop");
        assertThat(checkout.dueMsat()).isEqualTo(1_000_000L);
        assertThat(checkout.isOpen()).isTrue();
    }

    @Test
    void a_redirect_that_is_not_http_is_ignored() {
        Invoice invoice = invoice("{\"redirectURL\": \"javascript:alert(1)\"}");

        assertThat(checkouts.checkout(invoice.id()).orElseThrow().redirectUrl()).isNull();
    }

    @Test
    void after_a_partial_payment_the_checkout_offers_a_new_bolt11_for_the_amount_still_due() {
        Invoice invoice = invoice("{}");
        String forTheAmount = checkouts.checkout(invoice.id()).orElseThrow().bolt11();

        payPartially(invoice, 400_000L);
        Checkout partial = checkouts.checkout(invoice.id()).orElseThrow();
        Checkout readAgain = checkouts.checkout(invoice.id()).orElseThrow();

        assertThat(forTheAmount).isNotNull();
        assertThat(partial.dueMsat()).isEqualTo(600_000L);
        assertThat(partial.bolt11()).isNotNull().isNotEqualTo(forTheAmount);
        assertThat(readAgain.bolt11()).isEqualTo(partial.bolt11());
        assertThat(lightning.findAllByInvoice(invoice.id()))
                .extracting(InvoiceLightning::amountMsat, InvoiceLightning::bolt11)
                .containsExactly(tuple(1_000_000L, forTheAmount), tuple(600_000L, partial.bolt11()));
    }

    /** What the invoice workflow stores after a partial payment (no workflow runs in this test). */
    private void payPartially(Invoice invoice, long paidMsat) {
        invoices.saveState(new InvoiceStateUpdate(
                invoice.id(),
                1,
                InvoiceStatus.NEW,
                InvoiceAdditionalStatus.PAID_PARTIAL,
                paidMsat,
                null,
                List.of(new InvoicePayment(
                        PaymentMethod.BTC_CHAIN,
                        "tx" + invoice.id() + ":0",
                        "bc1qpartial",
                        paidMsat,
                        0,
                        false,
                        PaymentStatus.PENDING,
                        Instant.now())),
                "{}"));
    }

    @Test
    void an_unknown_invoice_has_no_checkout() {
        assertThat(checkouts.checkout("no-such-invoice")).isEmpty();
    }
}
