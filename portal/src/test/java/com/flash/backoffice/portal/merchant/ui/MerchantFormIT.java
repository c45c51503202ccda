package com.flash.backoffice.portal.merchant.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.portal.merchant.MerchantDraft;
import com.flash.backoffice.portal.merchant.MerchantSaveResult;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDeniedException;

@PortalSpringTest
class MerchantFormIT {

    static final String BIP84_ZPUB =
            "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs";
    static final String BIP84_FIRST_ADDRESS = "bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu";

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    MerchantService merchantService;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    InvoiceAddressRepository addresses;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private void openNewMerchantFormAsAdmin() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("merchants");
        _click(_get(Button.class, spec -> spec.withId("new-merchant")));
    }

    @Test
    void a_valid_zpub_shows_its_first_receive_address_before_saving() {
        openNewMerchantFormAsAdmin();

        _setValue(_get(TextArea.class, spec -> spec.withId("merchant-xpub")), BIP84_ZPUB);

        assertThat(_get(Span.class, spec -> spec.withId("merchant-first-address"))
                        .getText())
                .contains(BIP84_FIRST_ADDRESS);
        assertThat(_get(TextArea.class, spec -> spec.withId("merchant-xpub")).isInvalid())
                .isFalse();
    }

    @Test
    void bad_input_shows_field_messages_and_saves_nothing() {
        openNewMerchantFormAsAdmin();
        int merchantsBefore = merchants.count(null);
        int auditBefore = auditLog.count(AuditQuery.all(0, 0));

        _setValue(_get(TextField.class, spec -> spec.withId("merchant-name")), "");
        _setValue(_get(TextArea.class, spec -> spec.withId("merchant-xpub")), "zpub-not-a-key");
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("merchant-tolerance")), new BigDecimal("101"));
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("merchant-fee")), new BigDecimal("-1"));
        _setValue(_get(IntegerField.class, spec -> spec.withId("merchant-expiry")), 0);
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_get(TextField.class, spec -> spec.withId("merchant-name")).getErrorMessage())
                .isEqualTo("Enter the merchant's name.");
        assertThat(_get(TextArea.class, spec -> spec.withId("merchant-xpub")).getErrorMessage())
                .contains("not valid Base58");
        assertThat(_get(BigDecimalField.class, spec -> spec.withId("merchant-tolerance"))
                        .getErrorMessage())
                .isEqualTo("Must be between 0 and 100 %.");
        assertThat(_get(BigDecimalField.class, spec -> spec.withId("merchant-fee"))
                        .isInvalid())
                .isTrue();
        assertThat(_get(IntegerField.class, spec -> spec.withId("merchant-expiry"))
                        .isInvalid())
                .isTrue();
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(merchants.count(null)).isEqualTo(merchantsBefore);
        assertThat(auditLog.count(AuditQuery.all(0, 0))).isEqualTo(auditBefore);
    }

    @Test
    void a_private_key_is_refused_with_a_warning() {
        openNewMerchantFormAsAdmin();

        _setValue(
                _get(TextArea.class, spec -> spec.withId("merchant-xpub")),
                "zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE");

        assertThat(_get(TextArea.class, spec -> spec.withId("merchant-xpub")).getErrorMessage())
                .contains("PRIVATE");
    }

    @Test
    void a_valid_merchant_is_saved_and_audited() {
        openNewMerchantFormAsAdmin();
        String name = "Coffee " + UUID.randomUUID();
        int merchantsBefore = merchants.count(null);

        _setValue(_get(TextField.class, spec -> spec.withId("merchant-name")), name);
        _setValue(_get(TextArea.class, spec -> spec.withId("merchant-xpub")), BIP84_ZPUB);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("merchant-tolerance")), new BigDecimal("2.5"));
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_find(Dialog.class)).isEmpty();
        assertThat(merchants.count(null)).isEqualTo(merchantsBefore + 1);
        var saved = merchants.findAll(0, 10, name).getFirst();
        assertThat(saved.derivationScheme()).isEqualTo(BIP84_ZPUB);
        assertThat(saved.paymentTolerancePct()).isEqualByComparingTo("2.5");
        var audit = auditLog.find(new AuditQuery("admin", "merchant.create", null, null, 0, 50));
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo(saved.id());
            assertThat(entry.beforeJson()).isNull();
            assertThat(entry.afterJson()).contains(name);
        });
    }

    @Test
    void a_flash_wallet_merchant_needs_no_key_and_the_custody_change_is_requested_for_approval_audited() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        var created = (MerchantSaveResult.Saved) merchantService.create(MerchantDraft.defaults()
                .withName("Custody " + UUID.randomUUID())
                .withDerivationScheme(BIP84_ZPUB));
        assertThat(created.merchant().onchainCustody()).isEqualTo(OnchainCustody.MERCHANT_WALLET);
        openEditor(created.merchant());

        _setValue(_get(TextArea.class, spec -> spec.withId("merchant-xpub")), "");
        _setValue(_get(Select.class, spec -> spec.withId("merchant-onchain-custody")), OnchainCustody.FLASH_WALLET);
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_find(Dialog.class)).isEmpty();
        var after = merchants.findById(created.merchant().id()).orElseThrow();
        assertThat(after.onchainCustody())
                .as("a second person approves it first (MerchantChangeIT)")
                .isEqualTo(OnchainCustody.MERCHANT_WALLET);
        assertThat(after.derivationScheme()).isEqualTo(BIP84_ZPUB);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                auditLog.find(new AuditQuery("admin", "merchant.change.request", null, null, 0, 50)))
                        .anySatisfy(entry -> {
                            assertThat(entry.targetId()).isEqualTo(after.id());
                            assertThat(entry.beforeJson()).contains("\"onchainCustody\":\"MERCHANT_WALLET\"");
                            assertThat(entry.afterJson())
                                    .contains("\"onchainCustody\":\"FLASH_WALLET\"", "\"derivationScheme\":null");
                        }));
    }

    @Test
    void a_merchant_without_a_custody_choice_gets_a_field_message_and_nothing_is_saved() {
        openNewMerchantFormAsAdmin();
        int merchantsBefore = merchants.count(null);
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-name")), "No custody " + UUID.randomUUID());

        _setValue(_get(Select.class, spec -> spec.withId("merchant-onchain-custody")), null);
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_get(Select.class, spec -> spec.withId("merchant-onchain-custody"))
                        .getErrorMessage())
                .isEqualTo("Choose who holds the coins of on-chain payments.");
        assertThat(merchants.count(null)).isEqualTo(merchantsBefore);
    }

    @Test
    void the_merchant_page_shows_its_balances_from_the_ledger() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        var created = (MerchantSaveResult.Saved)
                merchantService.create(MerchantDraft.defaults().withName("Balances " + UUID.randomUUID()));
        String id = created.merchant().id();
        ledger.createAccount(ChartOfAccounts.merchantBalance(id));
        ledger.createAccount(ChartOfAccounts.feesReceivable(id));
        ledger.post(new JournalEntry(
                "merchant-form-it-" + id,
                "a custodial settlement and a fee owed",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofSats(100_000)),
                        JournalLine.debit(ChartOfAccounts.feesReceivable(id).code(), Msat.ofSats(500)),
                        JournalLine.credit(ChartOfAccounts.merchantBalance(id).code(), Msat.ofSats(99_000)),
                        JournalLine.credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofSats(1_500)))));

        openEditor(created.merchant());

        assertThat(merchantService.balances(id).payable()).isEqualTo(Msat.ofSats(98_500));
        assertThat(_get(Span.class, spec -> spec.withId("merchant-balances")).getText())
                .isEqualTo("From the ledger — custodial balance 0.00099000 BTC, fees receivable 0.00000500 BTC,"
                        + " reserved 0.00000000 BTC, payable 0.00098500 BTC");
    }

    @Test
    void the_merchant_page_warns_once_the_keys_unused_addresses_reach_the_pay_buttons_limit() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        Merchant merchant = ((MerchantSaveResult.Saved)
                        merchantService.create(MerchantDraft.defaults().withName("Gap " + UUID.randomUUID())))
                .merchant();
        Instant now = Instant.now();
        for (int index = 0; index < 14; index++) {
            allocate(merchant, index, now);
        }

        openEditor(merchant);
        assertThat(_find(Span.class, spec -> spec.withId("merchant-gap-warning")))
                .isEmpty();
        _click(_get(Button.class, spec -> spec.withText("Cancel")));

        allocate(merchant, 14, now);
        openEditor(merchant);
        assertThat(_get(Span.class, spec -> spec.withId("merchant-gap-warning")).getText())
                .startsWith("The store's key has 15 unused addresses in a row.");
        assertThat(merchantService.addressGap(merchant.id()).unused()).isEqualTo(15);
    }

    private void allocate(Merchant merchant, int index, Instant now) {
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                1_000_000L,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plusSeconds(900),
                now.plusSeconds(3600)));
        addresses.insert(
                new InvoiceAddress("bcrt1qgapform" + merchant.id() + index, invoice.id(), merchant.id(), index, now));
    }

    private void openEditor(Merchant merchant) {
        UI.getCurrent().navigate("merchants");
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-filter")), merchant.name());
        @SuppressWarnings("unchecked")
        Grid<Merchant> grid = _get(Grid.class, spec -> spec.withId("merchant-grid"));
        GridKt._clickItem(grid, 0, 1, false, false, false, false);
    }

    @Test
    void a_duplicate_name_is_a_field_message_not_an_error_page() {
        String name = "Duplicate " + UUID.randomUUID();
        openNewMerchantFormAsAdmin();
        _setValue(_get(TextField.class, spec -> spec.withId("merchant-name")), name);
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));
        _click(_get(Button.class, spec -> spec.withId("new-merchant")));

        _setValue(_get(TextField.class, spec -> spec.withId("merchant-name")), name);
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        assertThat(_get(TextField.class, spec -> spec.withId("merchant-name")).getErrorMessage())
                .isEqualTo("Another merchant already has this name.");
        assertThat(merchants.findAll(0, 10, name)).hasSize(1);
    }

    @Test
    void an_edit_is_saved_with_the_state_before_and_after_in_the_audit_log() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        var created = (MerchantSaveResult.Saved)
                merchantService.create(MerchantDraft.defaults().withName("Edit me " + UUID.randomUUID()));
        UI.getCurrent().navigate("merchants");
        _setValue(
                _get(TextField.class, spec -> spec.withId("merchant-filter")),
                created.merchant().name());
        @SuppressWarnings("unchecked")
        Grid<Merchant> grid = _get(Grid.class, spec -> spec.withId("merchant-grid"));
        GridKt._clickItem(grid, 0, 1, false, false, false, false);

        _setValue(_get(BigDecimalField.class, spec -> spec.withId("merchant-fee")), new BigDecimal("0.75"));
        _click(_get(Button.class, spec -> spec.withId("save-merchant")));

        var after = merchants.findById(created.merchant().id()).orElseThrow();
        assertThat(after.processingFeePct()).isEqualByComparingTo("0.75");
        assertThat(after.revision()).isEqualTo(created.merchant().revision() + 1);
        var audit = auditLog.find(new AuditQuery("admin", "merchant.update", null, null, 0, 50));
        assertThat(audit).anySatisfy(entry -> {
            assertThat(entry.targetId()).isEqualTo(after.id());
            assertThat(entry.beforeJson()).contains("\"processingFeePct\":1");
            assertThat(entry.afterJson()).contains("\"processingFeePct\":0.75");
        });
    }

    @Test
    void a_stale_edit_is_refused_and_changes_nothing() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        var created = (MerchantSaveResult.Saved)
                merchantService.create(MerchantDraft.defaults().withName("Stale " + UUID.randomUUID()));
        MerchantDraft renamed =
                MerchantDraft.defaults().withName(created.merchant().name() + " renamed");
        merchantService.update(created.merchant().id(), created.merchant().revision(), renamed);

        var result = merchantService.update(
                created.merchant().id(),
                created.merchant().revision(),
                MerchantDraft.defaults().withName("Someone else's edit"));

        assertThat(result).isInstanceOf(MerchantSaveResult.Stale.class);
        assertThat(merchants.findById(created.merchant().id()).orElseThrow().name())
                .endsWith(" renamed");
    }

    @Test
    void finance_reads_merchants_but_cannot_create_them() {
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("merchants");

        assertThat(_find(Button.class, spec -> spec.withId("new-merchant"))).isEmpty();
        assertThat(_find(MerchantsView.class)).hasSize(1);
        assertThatThrownBy(() -> merchantService.create(MerchantDraft.defaults()))
                .isInstanceOf(AuthorizationDeniedException.class);
    }
}
