package com.flash.backoffice.portal.merchant.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.payout.PayoutStateChange;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.merchant.PayoutSettingsDraft;
import com.flash.backoffice.portal.merchant.PayoutSettingsResult;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDeniedException;

/** The merchant page's payouts: the last ten with links, and the payout settings that ADMIN and FINANCE edit. */
@PortalSpringTest
class MerchantPayoutsIT {

    static final String LONG_BOLT11 = "lnbcrt12340n1pjq7ft0pp5" + "qqqsyqcyq5rqwzqf".repeat(8) + "hqpjn4jhe";

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    MerchantService merchantService;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void the_merchant_page_lists_its_last_ten_payouts_newest_first_each_linking_to_its_page() {
        Merchant merchant = fundedMerchant("Recent payouts");
        List<Payout> requested = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            String destination = i == 12 ? LONG_BOLT11 : "lnbcrt-recent-" + merchant.id() + "-" + i;
            requested.add(request(merchant, destination, i * 1_000_000L + 1));
        }
        Payout cancelled = requested.get(10);
        payouts.saveState(new PayoutStateChange(
                cancelled.id(),
                1,
                PayoutState.CANCELLED,
                "finance",
                false,
                List.of(),
                "Cancelled",
                null,
                null,
                null,
                null,
                Instant.now()));
        Payout newest = requested.get(11);
        KaribuSpring.openAs(context, "finance", Role.FINANCE);

        openEditor(merchant);

        @SuppressWarnings("unchecked")
        Grid<Payout> grid = _get(Grid.class, spec -> spec.withId("merchant-payouts"));
        assertThat(GridKt._size(grid)).isEqualTo(10);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < GridKt._size(grid); i++) {
            ids.add(GridKt._get(grid, i).id());
        }
        assertThat(ids)
                .containsExactlyElementsOf(requested.reversed().subList(0, 10).stream()
                        .map(Payout::id)
                        .toList());
        assertThat(GridKt._getFormatted(grid, 0, "requested"))
                .isEqualTo(MerchantPayoutsSection.time(newest.createdAt()));
        assertThat(GridKt._getFormatted(grid, 0, "amount")).isEqualTo("0.00012000001");
        assertThat(GridKt._getFormatted(grid, 0, "state")).isEqualTo("Awaiting approval");
        assertThat(GridKt._getFormatted(grid, 0, "destination"))
                .isEqualTo(LONG_BOLT11.substring(0, 24) + "…" + LONG_BOLT11.substring(LONG_BOLT11.length() - 16));
        assertThat(GridKt._getFormatted(grid, 1, "state")).isEqualTo("Cancelled");
        assertThat(GridKt._getFormatted(grid, 1, "destination")).isEqualTo(cancelled.destination());
        Anchor link = (Anchor) GridKt._getCellComponent(grid, 0, "open");
        assertThat(link.getHref()).isEqualTo("payouts/" + newest.id());
        assertThat(link.getText()).isEqualTo("Open");
    }

    @Test
    void a_merchant_without_payouts_shows_an_empty_list_and_the_default_settings() {
        Merchant merchant = fundedMerchant("No payouts");
        KaribuSpring.openAs(context, "admin", Role.ADMIN);

        openEditor(merchant);

        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withId("merchant-payouts"))))
                .isZero();
        assertThat(_get(BigDecimalField.class, spec -> spec.withId("merchant-auto-approve-below"))
                        .getValue())
                .isEqualByComparingTo("0");
        assertThat(_get(TextField.class, spec -> spec.withId("merchant-payout-email"))
                        .getValue())
                .isEmpty();
    }

    @Test
    void finance_saves_the_payout_settings_and_the_change_is_audited_with_before_and_after() {
        Merchant merchant = fundedMerchant("Settings by finance");
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        openEditor(merchant);

        _setValue(
                _get(BigDecimalField.class, spec -> spec.withId("merchant-auto-approve-below")),
                new BigDecimal("0.00123456789"));
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-payout-email")), " ops@shop.example ");
        _click(_get(Button.class, spec -> spec.withId("save-payout-settings")));

        assertThat(payouts.settings(merchant.id()))
                .isEqualTo(new PayoutSettings(merchant.id(), 123_456_789L, "ops@shop.example"));
        assertThat(_get(TextField.class, spec -> spec.withId("merchant-payout-email"))
                        .getValue())
                .isEqualTo("ops@shop.example");
        assertThat(auditLog.find(new AuditQuery("finance", "merchant.payout-settings", null, null, 0, 1000)))
                .filteredOn(entry -> merchant.id().equals(entry.targetId()))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.targetType()).isEqualTo("merchant");
                    assertThat(entry.beforeJson()).contains("\"autoApproveBelowMsat\":0", "\"contactEmail\":null");
                    assertThat(entry.afterJson())
                            .contains("\"autoApproveBelowMsat\":123456789", "\"contactEmail\":\"ops@shop.example\"");
                });
    }

    @Test
    void admin_saves_too_and_saving_unchanged_settings_writes_no_second_audit_entry() {
        Merchant merchant = fundedMerchant("Settings by admin");
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        PayoutSettingsDraft draft = new PayoutSettingsDraft(new BigDecimal("0.5"), "payouts@shop.example");

        assertThat(merchantService.savePayoutSettings(merchant.id(), draft))
                .isEqualTo(new PayoutSettingsResult.Saved(
                        new PayoutSettings(merchant.id(), 50_000_000_000L, "payouts@shop.example")));
        merchantService.savePayoutSettings(merchant.id(), draft);

        assertThat(auditLog.find(new AuditQuery("admin", "merchant.payout-settings", null, null, 0, 1000)))
                .filteredOn(entry -> merchant.id().equals(entry.targetId()))
                .hasSize(1);
    }

    @Test
    void bad_settings_show_field_messages_and_write_nothing() {
        Merchant merchant = fundedMerchant("Bad settings");
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        openEditor(merchant);
        int auditBefore = auditLog.count(AuditQuery.all(0, 0));
        BigDecimalField amount = _get(BigDecimalField.class, spec -> spec.withId("merchant-auto-approve-below"));
        TextField email = _get(TextField.class, spec -> spec.withId("merchant-payout-email"));
        Button save = _get(Button.class, spec -> spec.withId("save-payout-settings"));

        _setValue(amount, new BigDecimal("-0.001"));
        _setValue(email, "payouts@shop");
        _click(save);
        assertThat(amount.getErrorMessage()).isEqualTo("The amount must be 0 or more.");
        assertThat(email.isInvalid()).isTrue();
        assertThat(email.getErrorMessage()).isEqualTo("Not an e-mail address: payouts@shop");

        _setValue(amount, new BigDecimal("0.000000000001"));
        _setValue(email, "payouts@shop.example");
        _click(save);
        assertThat(amount.getErrorMessage()).isEqualTo("At most 11 decimal places (1 msat = 0.00000000001 BTC).");
        assertThat(email.isInvalid()).isFalse();

        _setValue(amount, null);
        _click(save);
        assertThat(amount.isInvalid()).isTrue();
        assertThat(amount.getErrorMessage()).startsWith("Enter an amount in BTC");

        assertThat(payouts.settings(merchant.id())).isEqualTo(PayoutSettings.defaults(merchant.id()));
        assertThat(auditLog.count(AuditQuery.all(0, 0))).isEqualTo(auditBefore);
        assertThat(merchantService.savePayoutSettings(
                        "no-such-merchant", new PayoutSettingsDraft(BigDecimal.ONE, null)))
                .isEqualTo(new PayoutSettingsResult.NotFound());
    }

    @Test
    void support_sees_the_payouts_and_settings_but_cannot_change_the_settings() {
        Merchant merchant = fundedMerchant("Settings read by support");
        request(merchant, "lnbcrt-support-" + merchant.id(), 5_000L);
        KaribuSpring.openAs(context, "support", Role.SUPPORT);

        openEditor(merchant);

        assertThat(GridKt._size(_get(Grid.class, spec -> spec.withId("merchant-payouts"))))
                .isEqualTo(1);
        assertThat(_get(BigDecimalField.class, spec -> spec.withId("merchant-auto-approve-below"))
                        .isReadOnly())
                .isTrue();
        assertThat(_get(TextField.class, spec -> spec.withId("merchant-payout-email"))
                        .isReadOnly())
                .isTrue();
        assertThat(_find(Button.class, spec -> spec.withId("save-payout-settings")))
                .isEmpty();
        assertThatThrownBy(() -> merchantService.savePayoutSettings(
                        merchant.id(), new PayoutSettingsDraft(BigDecimal.ONE, null)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThat(payouts.settings(merchant.id())).isEqualTo(PayoutSettings.defaults(merchant.id()));
    }

    private Merchant fundedMerchant(String name) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults(name + " " + UUID.randomUUID(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "merchant-payouts-it-" + merchant.id(),
                "a custodial settlement",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofSats(1_000_000)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofSats(1_000_000)))));
        return merchant;
    }

    private Payout request(Merchant merchant, String destination, long msat) {
        return ((PayoutRequestResult.Created) payouts.request(new NewPayout(
                        merchant.id(),
                        destination,
                        PayoutDestinationKind.BOLT11,
                        msat,
                        1_000L,
                        PayoutOrigin.PORTAL,
                        "finance")))
                .payout();
    }

    private void openEditor(Merchant merchant) {
        UI.getCurrent().navigate("merchants");
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-filter")), merchant.name());
        @SuppressWarnings("unchecked")
        Grid<Merchant> grid = _get(Grid.class, spec -> spec.withId("merchant-grid"));
        GridKt._clickItem(grid, 0, 1, false, false, false, false);
    }
}
