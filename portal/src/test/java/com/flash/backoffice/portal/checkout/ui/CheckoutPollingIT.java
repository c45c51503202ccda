package com.flash.backoffice.portal.checkout.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * The checkout page's status polling is rate-limited per client address: beyond the burst a poll keeps what the page
 * shows and reads nothing, and once the bucket refills the page catches up.
 */
@PortalSpringTest
class CheckoutPollingIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void polls_beyond_the_burst_are_skipped_until_the_bucket_refills() throws Exception {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Polling shop " + System.nanoTime(), "BTC"));
        Instant now = Instant.now();
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                50_000_000L,
                "BTC",
                null,
                null,
                "poll-1",
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plusSeconds(900),
                now.plusSeconds(3600)));
        KaribuSpring.openAs(context, "customer");
        UI.getCurrent().navigate("i/" + invoice.id());
        assertThat(status()).isEqualTo("Waiting for payment");

        for (int poll = 0; poll < 20; poll++) {
            poll();
        }
        dsl.execute("UPDATE invoice SET status = 'SETTLED', revision = revision + 1 WHERE id = ?", invoice.id());
        poll();
        assertThat(status()).as("the 21st poll in a burst reads nothing").isEqualTo("Waiting for payment");

        Thread.sleep(1_100); // 60 a minute: one poll's worth comes back each second
        poll();
        assertThat(status()).isNotEqualTo("Waiting for payment");
    }

    private static void poll() {
        UI ui = UI.getCurrent();
        ComponentUtil.fireEvent(ui, new PollEvent(ui, true));
    }

    private static String status() {
        return _get(Span.class, spec -> spec.withId("checkout-status")).getText();
    }
}
