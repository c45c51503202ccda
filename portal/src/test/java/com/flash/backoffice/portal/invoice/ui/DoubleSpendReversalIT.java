package com.flash.backoffice.portal.invoice.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.notice.FinanceNotice;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A settlement at 0 confirmations whose payment is then dropped (the chain watcher's signal, sent here directly to
 * the real invoice workflow): the invoice page shows why and what the ledger did, and FINANCE sees the notice.
 */
@PortalSpringTest
class DoubleSpendReversalIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    WorkflowClient workflowClient;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_invoice_page_shows_the_reversal_and_finance_sees_the_notice_on_the_dashboard() {
        Invoice invoice = reversedInvoice();

        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("invoices/" + invoice.id());

        assertThat(_get(Span.class, spec -> spec.withId("invoice-status")).getText())
                .isEqualTo("Invalid");
        assertThat(_get(Paragraph.class, spec -> spec.withId("invoice-status-reason"))
                        .getText())
                .isEqualTo("Status reason: payment double-spent");
        Grid<?> payments = _get(Grid.class, spec -> spec.withId("invoice-payments"));
        assertThat(GridKt._getFormattedRow(payments, 0)).contains("DROPPED");
        Grid<?> ledger = _get(Grid.class, spec -> spec.withId("invoice-ledger"));
        String settlement = "invoice-" + invoice.id() + "-settlement";
        assertThat(GridKt._size(ledger))
                .as("each side of the settlement, then swapped")
                .isEqualTo(6);
        assertThat(GridKt._getFormattedRow(ledger, 0)).contains(settlement, "DEBIT");
        assertThat(GridKt._getFormattedRow(ledger, 3)).contains(settlement + "-reversal-2", "CREDIT");

        UI.getCurrent().navigate("dashboard");
        Grid<FinanceNotice> notices = _get(Grid.class, spec -> spec.withId("finance-notices"));
        assertThat(GridKt._size(notices)).isGreaterThanOrEqualTo(1);
        assertThat(GridKt._get(notices, 0).invoiceId()).isEqualTo(invoice.id());
        assertThat(GridKt._get(notices, 0).message()).contains("double-spent", settlement + "-reversal-2");
    }

    @Test
    void support_does_not_see_finance_notices() {
        reversedInvoice();

        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        UI.getCurrent().navigate("dashboard");

        assertThat(_find(Grid.class, spec -> spec.withId("finance-notices"))).isEmpty();
    }

    private Invoice reversedInvoice() {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Zero-conf shop " + UUID.randomUUID(), "EUR"));
        Instant now = Instant.now();
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                2_000_000L,
                "SATS",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.HIGH,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofHours(1))));
        // to Flash's wallet: a custodial settlement credits the merchant, so the reversal takes it back
        InvoiceWorkflows.start(workflowClient, InvoiceRequest.of(invoice, OnchainCustody.FLASH_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(workflowClient, invoice.id());
        workflow.paymentSeen(PaymentObserved.onChain("tx" + invoice.id() + ":0", "bc1qzeroconf", 2_000_000L, 0, false));
        eventually(() -> invoices.findById(invoice.id()).orElseThrow().status() == InvoiceStatus.SETTLED);
        workflow.paymentDropped(new PaymentDropped("tx" + invoice.id() + ":0", "double spent"));
        eventually(() -> invoices.findById(invoice.id()).orElseThrow().status() == InvoiceStatus.INVALID);
        return invoices.findById(invoice.id()).orElseThrow();
    }

    private static void eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
