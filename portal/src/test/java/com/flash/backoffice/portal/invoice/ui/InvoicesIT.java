package com.flash.backoffice.portal.invoice.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceQuery;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.flash.backoffice.portal.invoice.InvoiceService.MerchantChoice;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.sun.net.httpserver.HttpServer;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@PortalSpringTest
class InvoicesIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    WorkflowClient workflowClient;

    @Autowired
    com.flash.backoffice.portal.invoice.InvoiceService invoiceService;

    @Autowired
    WebhookRepository webhooks;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    InvoiceAddressRepository addresses;

    private static final String ZPUB =
            "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs";

    Merchant merchant;

    @BeforeEach
    void merchant() {
        merchant = merchants.create(NewMerchant.withDefaults("Invoice shop " + UUID.randomUUID(), "USD"));
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private int invoiceCount() {
        return invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1_000))
                .size();
    }

    @SuppressWarnings("unchecked")
    private void fillNewInvoice(String amount, String currency, String metadata) {
        UI.getCurrent().navigate("invoices");
        _click(_get(Button.class, spec -> spec.withId("new-invoice")));
        ComboBox<MerchantChoice> merchantBox = _get(ComboBox.class, spec -> spec.withId("invoice-merchant"));
        _setValue(merchantBox, new MerchantChoice(merchant.id(), merchant.name(), merchant.defaultCurrency()));
        _setValue(_get(TextField.class, spec -> spec.withId("invoice-amount")), amount);
        ComboBox<String> currencyBox = _get(ComboBox.class, spec -> spec.withId("invoice-currency"));
        _setValue(currencyBox, currency);
        _setValue(_get(TextArea.class, spec -> spec.withId("invoice-metadata")), metadata);
        _click(_get(Button.class, spec -> spec.withId("create-invoice")));
    }

    @Test
    void support_creates_a_btc_invoice_and_its_workflow_starts() {
        KaribuSpring.openAs(context, "support", Role.SUPPORT);

        fillNewInvoice("0.0005", "BTC", "{\"orderId\": \"A-17\", \"buyerEmail\": \"a@b.c\"}");

        assertThat(invoiceCount()).isEqualTo(1);
        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        assertThat(invoice.amountMsat()).isEqualTo(50_000_000L);
        assertThat(invoice.orderId()).isEqualTo("A-17");
        assertThat(_get(Span.class, spec -> spec.withId("invoice-status")).getText())
                .isEqualTo("New");
        eventually(() -> InvoiceWorkflows.existing(workflowClient, invoice.id()).state() != null);
        assertThat(auditLog.find(new AuditQuery("support", "invoice.create", null, null, 0, 50)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(invoice.id()));
    }

    @Test
    void bad_input_shows_field_messages_and_writes_nothing() {
        KaribuSpring.openAs(context, "support", Role.SUPPORT);

        fillNewInvoice("-3", "BTC", "[1, 2]");

        assertThat(_get(TextField.class, spec -> spec.withId("invoice-amount")).getErrorMessage())
                .isEqualTo("The amount must be positive.");
        assertThat(_get(TextArea.class, spec -> spec.withId("invoice-metadata")).getErrorMessage())
                .isEqualTo("Metadata must be a JSON object.");
        assertThat(invoiceCount()).isZero();
    }

    @Test
    void a_fiat_invoice_needs_a_rate_that_finance_sets() {
        String currency = "CHF";
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        fillNewInvoice("12.50", currency, "");
        @SuppressWarnings("unchecked")
        ComboBox<String> currencyBox = _get(ComboBox.class, spec -> spec.withId("invoice-currency"));
        assertThat(currencyBox.getErrorMessage()).contains("no exchange rate for CHF");
        assertThat(invoiceCount()).isZero();
        KaribuSpring.close();

        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("rates");
        _setValue(_get(TextField.class, spec -> spec.withId("rate-currency")), currency);
        _setValue(_get(BigDecimalField.class, spec -> spec.withId("rate-price")), new BigDecimal("50000"));
        _setValue(_get(TextField.class, spec -> spec.withId("rate-reason")), "no source quotes CHF");
        _click(_get(Button.class, spec -> spec.withId("rate-save")));
        fillNewInvoice("12.50", currency, "");

        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        assertThat(invoice.amountMsat()).isEqualTo(25_000_000L); // 12.50 / 50,000 = 0.00025 BTC
        assertThat(invoice.fiatAmount()).isEqualByComparingTo("12.50");
        assertThat(invoice.rate()).isEqualByComparingTo("50000");
        assertThat(auditLog.find(new AuditQuery("finance", "rate.set", null, null, 0, 50)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(currency));
    }

    @Test
    void support_marks_an_unpaid_invoice_invalid_with_a_reason_and_it_is_audited() {
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        fillNewInvoice("1000", "SATS", "");
        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        eventually(() -> InvoiceWorkflows.existing(workflowClient, invoice.id()).state() != null);

        _click(_get(Button.class, spec -> spec.withId("mark-invalid")));
        _click(_get(Button.class, spec -> spec.withId("confirm-mark")));
        assertThat(_get(TextArea.class, spec -> spec.withId("mark-reason")).isInvalid())
                .isTrue();
        _setValue(_get(TextArea.class, spec -> spec.withId("mark-reason")), "customer cancelled the order");
        _click(_get(Button.class, spec -> spec.withId("confirm-mark")));

        var marked = invoices.findById(invoice.id()).orElseThrow();
        assertThat(marked.status()).isEqualTo(InvoiceStatus.INVALID);
        assertThat(marked.additionalStatus().btcpayName()).isEqualTo("Marked");
        assertThat(auditLog.find(new AuditQuery("support", "invoice.mark-invalid", null, null, 0, 50)))
                .anySatisfy(entry -> {
                    assertThat(entry.targetId()).isEqualTo(invoice.id());
                    assertThat(entry.reason()).isEqualTo("customer cancelled the order");
                });
    }

    @Test
    void on_the_simulated_network_a_lightning_payment_from_the_detail_page_settles_the_invoice() {
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        fillNewInvoice("2500", "SATS", "");
        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        assertThat(invoiceService.paymentDestinations(invoice.id()).bolt11()).startsWith("ln");
        assertThat(invoiceService.paymentDestinations(invoice.id()).address())
                .as("the merchant has no watch-only key")
                .isNull();
        eventually(() -> InvoiceWorkflows.existing(workflowClient, invoice.id()).state() != null);

        _click(_get(Button.class, spec -> spec.withId("simulate-lightning")));

        eventually(() -> invoices.findById(invoice.id()).orElseThrow().status() == InvoiceStatus.SETTLED);
        assertThat(invoices.findById(invoice.id()).orElseThrow().paidMsat()).isEqualTo(2_500_000L);
    }

    @Test
    void a_flash_wallet_merchants_invoice_is_paid_to_flashs_wallet_and_booked_as_flashs_asset() {
        merchant = merchants.create(NewMerchant.withDefaults("Custodial shop " + UUID.randomUUID(), "USD")
                .withOnchainCustody(OnchainCustody.FLASH_WALLET));
        String liability = ChartOfAccounts.merchantBalance(merchant.id()).code();
        long onchainBefore = ledger.accountBalance(ChartOfAccounts.ONCHAIN_ASSETS.code())
                .orElseThrow()
                .balanceMsat()
                .msat();
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        fillNewInvoice("2500", "SATS", "");
        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        assertThat(addresses.findByInvoice(invoice.id()).orElseThrow().custody())
                .as("no watch-only key needed: an address of Flash's wallet")
                .isEqualTo(OnchainCustody.FLASH_WALLET);
        eventually(() -> InvoiceWorkflows.existing(workflowClient, invoice.id()).state() != null);
        assertThat(InvoiceWorkflows.existing(workflowClient, invoice.id())
                        .state()
                        .terms()
                        .onchainCustody())
                .isEqualTo(OnchainCustody.FLASH_WALLET);

        _click(_get(Button.class, spec -> spec.withId("simulate-onchain")));
        _click(_get(Button.class, spec -> spec.withId("simulate-block")));

        eventually(() -> invoices.findById(invoice.id()).orElseThrow().status() == InvoiceStatus.SETTLED);
        eventually(() -> ledger.accountBalance(liability).isPresent());
        assertThat(ledger.accountBalance(liability).orElseThrow().balanceMsat().msat())
                .isEqualTo(2_500_000L - 25_000L);
        assertThat(ledger.accountBalance(ChartOfAccounts.ONCHAIN_ASSETS.code())
                                .orElseThrow()
                                .balanceMsat()
                                .msat()
                        - onchainBefore)
                .isEqualTo(2_500_000L);
    }

    @Test
    void an_invoice_needing_attention_is_flagged_and_finance_retries_its_posting_audited() {
        KaribuSpring.openAs(context, "support", Role.SUPPORT);
        Invoice invoice = invoices.create(storedInvoice("attention-1", Instant.now()));
        invoiceService.ensureWorkflow(invoice);
        eventually(() -> InvoiceWorkflows.existing(workflowClient, invoice.id()).state() != null);
        invoices.saveState(new InvoiceStateUpdate(
                invoice.id(),
                5,
                InvoiceStatus.SETTLED,
                InvoiceAdditionalStatus.NONE,
                1_000_000L,
                null,
                List.of(),
                "{}",
                "invoice-" + invoice.id() + "-settlement: refused"));

        UI.getCurrent().navigate("invoices/" + invoice.id());
        assertThat(_get(Span.class, spec -> spec.withId("invoice-needs-attention"))
                        .getText())
                .contains("refused");
        assertThat(_find(Button.class, spec -> spec.withId("retry-posting"))).isEmpty();
        KaribuSpring.close();

        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("invoices/" + invoice.id());
        _click(_get(Button.class, spec -> spec.withId("retry-posting")));

        assertThat(auditLog.find(new AuditQuery("finance", "invoice.retry-posting", null, null, 0, 50)))
                .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(invoice.id()));
    }

    @Test
    void the_invoice_page_shows_qr_codes_for_the_address_the_bolt11_and_both_together() {
        merchant = merchants.create(new NewMerchant(
                "Keyed shop " + UUID.randomUUID(),
                "USD",
                ZPUB,
                null,
                SpeedPolicy.MEDIUM,
                15,
                1440,
                BigDecimal.ZERO,
                new BigDecimal("1.00"),
                null,
                PayoutSchedule.MANUAL,
                OnchainCustody.MERCHANT_WALLET));
        KaribuSpring.openAs(context, "support", Role.SUPPORT);

        fillNewInvoice("0.0005", "BTC", "");

        var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                .getFirst();
        var destinations = invoiceService.paymentDestinations(invoice.id());
        assertThat(destinations.address()).startsWith("bc1q");
        String address = destinations.address().toUpperCase();
        String bolt11 = destinations.bolt11().toUpperCase();
        assertThat(qrUri("qr-address")).isEqualTo("bitcoin:" + address + "?amount=0.0005");
        assertThat(qrUri("qr-bolt11")).isEqualTo("lightning:" + bolt11);
        assertThat(qrUri("qr-unified")).isEqualTo("bitcoin:" + address + "?amount=0.0005&lightning=" + bolt11);
        assertThat(_get(Image.class, spec -> spec.withId("qr-unified")).getSrc())
                .startsWith("data:image/svg+xml;base64,");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_invoice_page_lists_webhook_deliveries_and_support_redelivers_one_audited() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            webhooks.create(
                    merchant.id(),
                    new WebhookSettings(
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "secret-for-the-test",
                            true,
                            true,
                            false,
                            List.of("InvoiceCreated")));
            KaribuSpring.openAs(context, "support", Role.SUPPORT);
            fillNewInvoice("2500", "SATS", "");
            var invoice = invoices.find(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 1))
                    .getFirst();
            eventually(() -> invoiceService.webhookDeliveries(invoice.id()).size() == 1 && received.size() == 1);
            WebhookDelivery first =
                    invoiceService.webhookDeliveries(invoice.id()).getFirst();
            UI.getCurrent().navigate("invoices/" + invoice.id());

            Grid<WebhookDelivery> grid = _get(Grid.class, spec -> spec.withId("invoice-webhook-deliveries"));
            assertThat(GridKt._size(grid)).isEqualTo(1);
            _click((Button) GridKt._getCellComponent(grid, 0, "redeliver"));

            eventually(() -> received.size() == 2);
            List<WebhookDelivery> deliveries = invoiceService.webhookDeliveries(invoice.id());
            assertThat(deliveries).hasSize(2);
            WebhookDelivery redelivery = deliveries.stream()
                    .filter(WebhookDelivery::redelivery)
                    .findFirst()
                    .orElseThrow();
            assertThat(redelivery.originalDeliveryId()).isEqualTo(first.originalDeliveryId());
            assertThat(received.get(1)).contains("\"isRedelivery\":true").contains(invoice.id());
            assertThat(auditLog.find(new AuditQuery("support", "webhook.redeliver", null, null, 0, 50)))
                    .anySatisfy(entry -> assertThat(entry.targetId()).isEqualTo(redelivery.id()));
            Grid<WebhookDelivery> refreshed = _get(Grid.class, spec -> spec.withId("invoice-webhook-deliveries"));
            assertThat(GridKt._size(refreshed)).isEqualTo(2);
        } finally {
            receiver.stop(0);
        }
    }

    private static String qrUri(String id) {
        return _get(Image.class, spec -> spec.withId(id)).getElement().getAttribute("data-uri");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_list_shows_newest_first_and_filters_by_merchant_status_and_text_without_a_count() {
        Instant created = Instant.parse("2025-06-01T10:00:00Z");
        Invoice older = invoices.create(storedInvoice("shelf-1", created));
        Invoice newer = invoices.create(storedInvoice("shelf-2", created.plusSeconds(60)));
        invoices.saveState(new InvoiceStateUpdate(
                older.id(), 1, InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.NONE, 0, null, List.of(), "{}"));
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);
        UI.getCurrent().navigate("invoices");
        Grid<Invoice> grid = _get(Grid.class, spec -> spec.withId("invoice-grid"));

        _setValue(
                _get(ComboBox.class, spec -> spec.withId("invoice-merchant-filter")),
                new MerchantChoice(merchant.id(), merchant.name(), merchant.defaultCurrency()));
        assertThat(GridKt._size(grid)).isEqualTo(2);
        assertThat(GridKt._get(grid, 0).id()).isEqualTo(newer.id());
        assertThat(GridKt._get(grid, 1).id()).isEqualTo(older.id());

        _setValue(
                _get(MultiSelectComboBox.class, spec -> spec.withId("invoice-status-filter")),
                Set.of(InvoiceStatus.NEW, InvoiceStatus.EXPIRED));
        assertThat(GridKt._size(grid)).isEqualTo(2);
        _setValue(
                _get(MultiSelectComboBox.class, spec -> spec.withId("invoice-status-filter")),
                Set.of(InvoiceStatus.EXPIRED));
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).id()).isEqualTo(older.id());

        _setValue(_get(MultiSelectComboBox.class, spec -> spec.withId("invoice-status-filter")), Set.of());
        _setValue(_get(TextField.class, spec -> spec.withId("invoice-text-filter")), "shelf-2");
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).id()).isEqualTo(newer.id());
        _setValue(_get(TextField.class, spec -> spec.withId("invoice-text-filter")), older.id());
        assertThat(GridKt._size(grid)).isEqualTo(1);
        assertThat(GridKt._get(grid, 0).id()).isEqualTo(older.id());
        assertThat(grid.getLazyDataView().getItemCountEstimate()).isPositive();
    }

    private NewInvoice storedInvoice(String orderId, Instant createdAt) {
        Instant expiresAt = createdAt.plus(Duration.ofMinutes(15));
        return new NewInvoice(
                merchant.id(),
                1_000_000L,
                "BTC",
                null,
                null,
                orderId,
                "{\"orderId\":\"" + orderId + "\"}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                createdAt,
                expiresAt,
                expiresAt.plus(Duration.ofDays(1)));
    }

    @Test
    void an_accountant_reads_invoices_but_neither_creates_nor_marks() {
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);
        UI.getCurrent().navigate("invoices");

        assertThat(_find(Button.class, spec -> spec.withId("new-invoice"))).isEmpty();
        assertThat(_find(InvoicesView.class)).hasSize(1);
    }

    private static void eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the workflow may not answer queries before its first task ran
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the condition", e);
            }
        }
        throw new AssertionError("condition not met within 20 s");
    }
}
