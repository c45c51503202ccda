package com.flash.backoffice.portal.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.time.Duration;
import java.time.Instant;
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
    void an_unknown_invoice_has_no_checkout() {
        assertThat(checkouts.checkout("no-such-invoice")).isEmpty();
    }
}
