package com.flash.backoffice.portal.payout.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The payouts pages in the browser's place (Karibu) on the real portal, MariaDB and Temporal. */
@PortalSpringTest
class PayoutViewsIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    LightningNode node;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void finance_requests_a_payout_and_lands_on_its_page_with_the_timeline() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(50_000));
        String invoice = ((SimulatedLightningNode) node).foreignInvoice(10_000_000, Duration.ofHours(1));
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("payouts");

        _click(_get(Button.class, spec -> spec.withId("payouts-request")));
        PayoutRequestDialog dialog = _get(PayoutRequestDialog.class);
        choose(dialog, merchant);
        assertThat(dialog.payable.getText()).isEqualTo("Payable now: 0.00050000 BTC");
        fillAndSubmit(invoice, "0.0001");

        Payout payout = payouts.find(merchant.id(), null, 0, 10).getFirst();
        assertThat(payout.amountMsat()).isEqualTo(10_000_000);
        assertThat(_get(H2.class, spec -> spec.withId("payout-title")).getText())
                .isEqualTo("Payout " + payout.id() + " · Awaiting approval");
        assertThat(_find(Button.class, spec -> spec.withId("payout-approve"))).hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("payout-cancel"))).hasSize(1);
        @SuppressWarnings("unchecked")
        Grid<com.flash.backoffice.db.payout.PayoutEvent> timeline =
                _get(Grid.class, spec -> spec.withId("payout-timeline"));
        assertThat(GridKt._getFormattedRow(timeline, 0)).contains("0", "Awaiting approval", "fiona", "Requested");
    }

    @Test
    void an_amount_above_the_payable_balance_is_a_field_message_and_nothing_is_requested() {
        Merchant merchant = merchantWithBalance(Msat.ofSats(5_000));
        String invoice = ((SimulatedLightningNode) node).foreignInvoice(10_000_000, Duration.ofHours(1));
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("payouts");

        _click(_get(Button.class, spec -> spec.withId("payouts-request")));
        PayoutRequestDialog dialog = _get(PayoutRequestDialog.class);
        _click(_get(Button.class, spec -> spec.withId("payout-submit")));
        assertThat(dialog.merchant.isInvalid()).isTrue();
        assertThat(dialog.merchant.getErrorMessage()).isEqualTo("Choose the merchant to pay");
        choose(dialog, merchant);
        fillAndSubmit(invoice, "0.0001");

        assertThat(dialog.amount.isInvalid()).isTrue();
        assertThat(dialog.amount.getErrorMessage())
                .isEqualTo("The amount exceeds the payable balance: 0.00005000 BTC available");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(payouts.count(merchant.id(), null)).isZero();
    }

    @Test
    void support_sees_payouts_but_cannot_request_one() {
        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("payouts");

        assertThat(_find(Grid.class, spec -> spec.withId("payouts"))).hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("payouts-request"))).isEmpty();
        assertThat(_find(ComboBox.class, spec -> spec.withId("payouts-state"))).hasSize(1);
    }

    @Test
    void the_payout_page_of_a_completed_payout_shows_its_proof_and_fee() throws Exception {
        Merchant merchant = merchantWithBalance(Msat.ofSats(50_000));
        merchantsPayoutSettings(merchant);
        String invoice = ((SimulatedLightningNode) node).foreignInvoice(1_000_000, Duration.ofHours(1));
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("payouts");
        _click(_get(Button.class, spec -> spec.withId("payouts-request")));
        PayoutRequestDialog dialog = _get(PayoutRequestDialog.class);
        choose(dialog, merchant);
        fillAndSubmit(invoice, "0.00001");
        Payout payout = payouts.find(merchant.id(), null, 0, 10).getFirst();
        long until = System.currentTimeMillis() + 15_000;
        while (payouts.findById(payout.id()).orElseThrow().state() != PayoutState.COMPLETED
                && System.currentTimeMillis() < until) {
            Thread.sleep(50);
        }

        UI.getCurrent().navigate("payouts/" + payout.id());

        assertThat(_get(H2.class, spec -> spec.withId("payout-title")).getText())
                .endsWith("· Completed");
        assertThat(_get(Span.class, spec -> spec.withId("payout-preimage")).getText())
                .isNotBlank();
        assertThat(_find(Span.class, spec -> spec.withId("payout-fee-paid-msat")))
                .hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("payout-cancel"))).isEmpty();
    }

    private static void choose(PayoutRequestDialog dialog, Merchant merchant) {
        dialog.merchant.setValue(dialog.merchant
                .getListDataView()
                .getItems()
                .filter(m -> m.id().equals(merchant.id()))
                .findFirst()
                .orElseThrow());
    }

    private static void fillAndSubmit(String destination, String btc) {
        _setValue(_get(TextField.class, spec -> spec.withId("payout-destination")), destination);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("payout-amount")), new BigDecimal(btc));
        _click(_get(Button.class, spec -> spec.withId("payout-submit")));
    }

    private void merchantsPayoutSettings(Merchant merchant) {
        payouts.saveSettings(new com.flash.backoffice.db.payout.PayoutSettings(merchant.id(), 2_000_000, null));
    }

    private Merchant merchantWithBalance(Msat amount) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Payout view " + UUID.randomUUID(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), amount),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), amount))));
        return merchant;
    }
}
