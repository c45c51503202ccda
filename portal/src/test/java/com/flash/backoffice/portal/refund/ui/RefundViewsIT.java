package com.flash.backoffice.portal.refund.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The refund pages in the browser's place (Karibu) on the real portal, MariaDB and Temporal. */
@PortalSpringTest
class RefundViewsIT {

    static final BigDecimal RATE = new BigDecimal("50000");

    @Autowired
    ApplicationContext context;

    @Autowired
    RefundRepository refunds;

    @Autowired
    DSLContext dsl;

    @Autowired
    ApprovalRepository approvals;

    @Autowired
    MerchantRepository merchants;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void support_previews_every_variant_on_the_invoice_starts_a_refund_and_lands_on_its_page() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        new com.flash.backoffice.db.rate.ExchangeRateRepository(dsl).setManually("EUR", RATE, "test rate", "fiona");
        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("invoices/" + invoice.id());

        _click(_get(Button.class, spec -> spec.withId("invoice-refund")));
        RefundStartDialog dialog = _get(RefundStartDialog.class);

        assertThat(dialog.label(RefundVariant.RATE_THEN))
                .isEqualTo("RateThen: the bitcoin paid — 0.00010000 BTC ≈ 5.00 EUR · you approve it");
        assertThat(dialog.label(RefundVariant.OVERPAID_AMOUNT)).contains("was not overpaid");
        assertThat(dialog.label(RefundVariant.FIAT)).contains("needs FINANCE approval");
        _setValue(dialog.subtract, new BigDecimal("10"));
        assertThat(dialog.label(RefundVariant.RATE_THEN)).startsWith("RateThen: the bitcoin paid — 0.00009000 BTC");
        assertThat(_get(Paragraph.class, spec -> spec.withId("refund-limits")).getText())
                .isEqualTo("Paid 0.00010000 BTC; left to refund 0.00010000 BTC; the merchant's payable balance"
                        + " 0.00100000 BTC.");

        dialog.variant.setValue(RefundVariant.RATE_THEN);
        _click(_get(Button.class, spec -> spec.withId("refund-start")));
        assertThat(_get(TextArea.class, spec -> spec.withId("refund-reason")).isInvalid())
                .isTrue();
        assertThat(refunds.findByInvoice(invoice.id())).as("nothing written").isEmpty();

        _setValue(_get(TextArea.class, spec -> spec.withId("refund-reason")), "customer returned the item");
        _click(_get(Button.class, spec -> spec.withId("refund-start")));

        Refund refund = refunds.findByInvoice(invoice.id()).getFirst();
        assertThat(refund.amountMsat()).isEqualTo(9_000_000);
        assertThat(_get(H2.class, spec -> spec.withId("refund-title")).getText())
                .startsWith("Refund " + refund.id());
        Grid<?> timeline = _get(Grid.class, spec -> spec.withId("refund-timeline"));
        assertThat(GridKt._getFormattedRow(timeline, 0)).contains("0", "Awaiting approval", "sue");
    }

    @Test
    void an_agent_cancels_a_refund_awaiting_its_claim_and_a_bad_destination_gets_a_field_message() {
        Refund refund = awaitingClaim("sue");
        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("refunds/" + refund.id());

        assertThat(_find(Anchor.class, spec -> spec.withId("refund-claim-link")))
                .hasSize(1);
        _click(_get(Button.class, spec -> spec.withId("refund-pay")));
        _setValue(_get(TextField.class, spec -> spec.withId("refund-input")), "not a destination");
        _click(_get(Button.class, spec -> spec.withId("refund-input-confirm")));
        assertThat(_get(TextField.class, spec -> spec.withId("refund-input")).isInvalid())
                .isTrue();
        _click(_get(Button.class, spec -> spec.withText("Back")));

        _click(_get(Button.class, spec -> spec.withId("refund-cancel")));
        _setValue(_get(TextField.class, spec -> spec.withId("refund-input")), "customer changed their mind");
        _click(_get(Button.class, spec -> spec.withId("refund-input-confirm")));

        assertThat(com.github.mvysny.kaributesting.v10.NotificationsKt.getNotifications())
                .extracting(notification -> notification.getElement().getProperty("text", ""))
                .contains("Done");
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.CANCELLED);
    }

    @Test
    void finance_finds_a_refund_above_supports_limit_in_the_approvals_inbox_beside_payouts_opens_it_and_approves_it() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(1_000_000_000);
        Invoice invoice = paid.settled(merchant.id(), 200_000_000, 200_000_000, RATE, null);
        Refund refund = started("sue", invoice);
        String subject = "refund-" + refund.id();
        long until = System.currentTimeMillis() + 20_000;
        while (approvals.find(subject).isEmpty()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the refund never reached the approvals inbox");
            }
            Thread.onSpinWait();
        }

        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("approvals");
        @SuppressWarnings("unchecked")
        Grid<InboxItem> inbox = _get(Grid.class, spec -> spec.withId("approvals-grid"));
        List<InboxItem> rows = GridKt._fetch(inbox, 0, GridKt._size(inbox));
        int index = rows.stream().map(InboxItem::subjectId).toList().indexOf(subject);
        assertThat(index).as("the refund is in FINANCE's inbox").isNotNegative();
        assertThat(GridKt._getFormattedRow(inbox, index)).contains("REFUND", merchant.name(), "0.00200000", "sue");
        HorizontalLayout actions = (HorizontalLayout) GridKt._getCellComponent(inbox, index, "actions");
        assertThat(_get(actions, Anchor.class, spec -> spec.withId("open-" + subject))
                        .getHref())
                .isEqualTo("refunds/" + refund.id());

        _click(_get(actions, Button.class, spec -> spec.withId("approve-" + subject)));

        until = System.currentTimeMillis() + 20_000;
        while (refunds.findById(refund.id()).orElseThrow().state() != RefundState.AWAITING_CLAIM) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("the approved refund never awaited its claim");
            }
            Thread.onSpinWait();
        }
        UI.getCurrent().navigate("refunds/" + refund.id());
        Grid<?> timeline = _get(Grid.class, spec -> spec.withId("refund-timeline"));
        assertThat(GridKt._size(timeline)).isGreaterThanOrEqualTo(2);
        assertThat(GridKt._getFormattedRow(timeline, GridKt._size(timeline) - 1))
                .contains("Awaiting claim");
    }

    @Test
    void the_list_filters_by_state_the_accountant_reads_without_actions_and_marketing_is_refused() {
        Refund refund = awaitingClaim("sue");
        KaribuSpring.openAs(context, "alex", Role.ACCOUNTANT);
        UI.getCurrent().navigate("refunds");
        RefundsView view = _get(RefundsView.class);
        Merchant merchant = merchants.findById(refund.merchantId()).orElseThrow();
        _setValue(view.merchantFilter, merchant);
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains(merchant.name());
        assertThat(GridKt._size(view.grid)).isEqualTo(1);
        _setValue(view.stateFilter, RefundState.COMPLETED);
        assertThat(GridKt._size(view.grid)).isZero();

        UI.getCurrent().navigate("refunds/" + refund.id());
        assertThat(_find(Button.class, spec -> spec.withId("refund-cancel"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("refund-pay"))).isEmpty();
        assertThat(_find(Anchor.class, spec -> spec.withId("refund-claim-link")))
                .isEmpty();
        KaribuSpring.close();

        KaribuSpring.openAs(context, "mark", Role.MARKETING);
        assertThatThrownBy(() -> {
                    UI.getCurrent().navigate("refunds");
                    _get(RefundsView.class);
                })
                .isInstanceOf(AssertionError.class);
    }

    private Refund awaitingClaim(String requester) {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = started(requester, invoice);
        long until = System.currentTimeMillis() + 20_000;
        while (refunds.findById(refund.id()).orElseThrow().state() != RefundState.AWAITING_CLAIM) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("refund " + refund.id() + " never awaited its claim");
            }
            Thread.onSpinWait();
        }
        return refunds.findById(refund.id()).orElseThrow();
    }

    /** SUPPORT's agent starts a RateThen refund of the invoice from its page. */
    private Refund started(String requester, Invoice invoice) {
        KaribuSpring.openAs(context, requester, Role.SUPPORT);
        UI.getCurrent().navigate("invoices/" + invoice.id());
        _click(_get(Button.class, spec -> spec.withId("invoice-refund")));
        RefundStartDialog dialog = _get(RefundStartDialog.class);
        dialog.variant.setValue(RefundVariant.RATE_THEN);
        _setValue(dialog.reason, "a reason");
        _click(_get(Button.class, spec -> spec.withId("refund-start")));
        KaribuSpring.close();
        return refunds.findByInvoice(invoice.id()).getFirst();
    }
}
