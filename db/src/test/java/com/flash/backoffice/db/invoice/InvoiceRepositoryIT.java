package com.flash.backoffice.db.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvoiceRepositoryIT {

    private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");

    private static TestDatabase database;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static MerchantRepository merchants;

    private Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("invoice_repository_it");
        dsl = database.dsl();
        invoices = new InvoiceRepository(dsl);
        merchants = new MerchantRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void cleanTables() {
        dsl.execute("DELETE FROM invoice_event");
        dsl.execute("DELETE FROM invoice_payment");
        dsl.execute("DELETE FROM invoice_workflow_state");
        dsl.execute("DELETE FROM invoice");
        dsl.execute("DELETE FROM merchant");
        merchant = merchants.create(NewMerchant.withDefaults("Coffee Corner", "EUR"));
    }

    @Test
    void a_new_invoice_is_stored_with_its_resolved_terms_under_a_random_id() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, "order-1", CREATED));

        assertThat(invoice.id()).hasSizeBetween(20, 32).matches("[1-9A-HJ-NP-Za-km-z]+");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.NEW);
        assertThat(invoice.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);
        assertThat(invoice.amountMsat()).isEqualTo(150_000_000L);
        assertThat(invoice.fiatAmount()).isEqualByComparingTo("12.50");
        assertThat(invoice.rate()).isEqualByComparingTo("50000");
        assertThat(invoice.speedPolicy()).isEqualTo(SpeedPolicy.LOW_MEDIUM);
        assertThat(invoice.toleranceBasisPoints()).isEqualTo(150);
        assertThat(invoice.processingFeeBasisPoints()).isEqualTo(100);
        assertThat(invoice.expiresAt()).isEqualTo(CREATED.plus(Duration.ofMinutes(15)));
        assertThat(invoice.monitoringUntil()).isEqualTo(CREATED.plus(Duration.ofMinutes(15 + 1440)));
        assertThat(invoice.metadataJson()).contains("\"orderId\"");
        assertThat(invoice.revision()).isZero();
        assertThat(invoices.findById(invoice.id())).contains(invoice);
    }

    @Test
    void a_top_up_invoice_has_no_amount() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), null, null, CREATED));

        assertThat(invoice.amountMsat()).isNull();
    }

    @Test
    void the_database_refuses_metadata_that_is_not_json() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 1_000L, null, CREATED));

        assertThatThrownBy(() -> dsl.execute("UPDATE invoice SET metadata = 'not json' WHERE id = ?", invoice.id()))
                .hasMessageContaining("ck_invoice_metadata_json");
    }

    @Test
    void metadata_over_64_kib_is_refused_before_the_database() {
        String huge = "{\"note\":\"" + "x".repeat(NewInvoice.MAX_METADATA_BYTES) + "\"}";

        assertThatThrownBy(() -> new NewInvoice(
                        merchant.id(),
                        1_000L,
                        "BTC",
                        null,
                        null,
                        null,
                        huge,
                        SpeedPolicy.HIGH,
                        0,
                        0,
                        CREATED,
                        CREATED.plusSeconds(60),
                        CREATED.plusSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metadata");
    }

    @Test
    void saving_state_writes_status_and_payments_once_per_revision() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, null, CREATED));
        InvoicePayment pending = chainPayment("tx1:0", 0, PaymentStatus.PENDING);
        InvoiceStateUpdate processing = new InvoiceStateUpdate(
                invoice.id(),
                1,
                InvoiceStatus.PROCESSING,
                InvoiceAdditionalStatus.NONE,
                150_000_000L,
                null,
                List.of(pending),
                "{\"revision\": 1}");

        assertThat(invoices.saveState(processing)).isEqualTo(SaveStateResult.SAVED);
        assertThat(invoices.saveState(processing)).isEqualTo(SaveStateResult.ALREADY_SAVED);

        Invoice saved = invoices.findById(invoice.id()).orElseThrow();
        assertThat(saved.status()).isEqualTo(InvoiceStatus.PROCESSING);
        assertThat(saved.paidMsat()).isEqualTo(150_000_000L);
        assertThat(saved.revision()).isEqualTo(1);
        assertThat(invoices.findPayments(invoice.id())).containsExactly(pending);
        assertThat(invoices.findWorkflowState(invoice.id())).contains("{\"revision\": 1}");
    }

    @Test
    void an_older_revision_never_overwrites_a_newer_one() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, null, CREATED));
        InvoicePayment confirmed = chainPayment("tx1:0", 2, PaymentStatus.CONFIRMED);
        invoices.saveState(new InvoiceStateUpdate(
                invoice.id(),
                2,
                InvoiceStatus.SETTLED,
                InvoiceAdditionalStatus.NONE,
                150_000_000L,
                null,
                List.of(confirmed),
                "{\"revision\": 2}"));

        SaveStateResult result = invoices.saveState(new InvoiceStateUpdate(
                invoice.id(),
                1,
                InvoiceStatus.PROCESSING,
                InvoiceAdditionalStatus.NONE,
                150_000_000L,
                null,
                List.of(chainPayment("tx1:0", 0, PaymentStatus.PENDING)),
                "{\"revision\": 1}"));

        assertThat(result).isEqualTo(SaveStateResult.ALREADY_SAVED);
        assertThat(invoices.findById(invoice.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(invoices.findPayments(invoice.id())).containsExactly(confirmed);
        assertThat(invoices.findWorkflowState(invoice.id())).contains("{\"revision\": 2}");
    }

    @Test
    void the_opening_state_is_kept_although_the_row_already_has_its_revision() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, null, CREATED));

        SaveStateResult result = invoices.saveState(new InvoiceStateUpdate(
                invoice.id(),
                0,
                InvoiceStatus.NEW,
                InvoiceAdditionalStatus.NONE,
                0,
                null,
                List.of(),
                "{\"opened\": 0}"));

        assertThat(result).isEqualTo(SaveStateResult.ALREADY_SAVED);
        assertThat(invoices.findWorkflowState(invoice.id())).contains("{\"opened\": 0}");
    }

    @Test
    void saving_state_of_an_unknown_invoice_reports_not_found() {
        assertThat(invoices.saveState(new InvoiceStateUpdate(
                        "nope", 1, InvoiceStatus.NEW, InvoiceAdditionalStatus.NONE, 0, null, List.of(), "{}")))
                .isEqualTo(SaveStateResult.NOT_FOUND);
    }

    @Test
    void upserting_the_same_payment_reference_twice_keeps_one_row_with_the_latest_confirmations() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, null, CREATED));

        invoices.upsertPayment(invoice.id(), chainPayment("tx1:0", 0, PaymentStatus.PENDING));
        invoices.upsertPayment(invoice.id(), chainPayment("tx1:0", 3, PaymentStatus.CONFIRMED));

        assertThat(invoices.findPayments(invoice.id())).singleElement().satisfies(payment -> {
            assertThat(payment.confirmations()).isEqualTo(3);
            assertThat(payment.status()).isEqualTo(PaymentStatus.CONFIRMED);
        });
    }

    @Test
    void an_event_is_appended_once_per_invoice_revision_type_and_payment() {
        Invoice invoice = invoices.create(newInvoice(merchant.id(), 150_000_000L, null, CREATED));
        InvoiceEvent received = new InvoiceEvent(
                0,
                invoice.id(),
                1,
                "InvoiceReceivedPayment",
                InvoiceStatus.NEW,
                InvoiceAdditionalStatus.PAID_PARTIAL,
                "tx1:0",
                null,
                CREATED.plusSeconds(5));

        assertThat(invoices.appendEvent(received)).isTrue();
        assertThat(invoices.appendEvent(received)).isFalse();

        assertThat(invoices.findEvents(invoice.id())).singleElement().satisfies(event -> {
            assertThat(event.id()).isPositive();
            assertThat(event.eventType()).isEqualTo("InvoiceReceivedPayment");
            assertThat(event.paymentRef()).isEqualTo("tx1:0");
            assertThat(event.occurredAt()).isEqualTo(CREATED.plusSeconds(5));
        });
    }

    @Test
    void the_list_filters_by_merchant_status_date_and_text_newest_first() {
        Merchant other = merchants.create(NewMerchant.withDefaults("Book Shop", "USD"));
        Invoice first = invoices.create(newInvoice(merchant.id(), 1_000L, "order-100", CREATED));
        Invoice second = invoices.create(newInvoice(merchant.id(), 2_000L, "order-200", CREATED.plusSeconds(60)));
        Invoice third = invoices.create(newInvoice(other.id(), 3_000L, "order-101", CREATED.plusSeconds(120)));
        invoices.saveState(new InvoiceStateUpdate(
                second.id(), 1, InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.NONE, 0, null, List.of(), "{}"));

        assertThat(ids(InvoiceQuery.all(0, 10))).containsExactly(third.id(), second.id(), first.id());
        assertThat(ids(new InvoiceQuery(merchant.id(), null, null, null, null, 0, 10)))
                .containsExactly(second.id(), first.id());
        assertThat(ids(new InvoiceQuery(null, Set.of(InvoiceStatus.NEW), null, null, null, 0, 10)))
                .containsExactly(third.id(), first.id());
        assertThat(ids(new InvoiceQuery(null, null, CREATED.plusSeconds(60), CREATED.plusSeconds(120), null, 0, 10)))
                .containsExactly(second.id());
        assertThat(ids(new InvoiceQuery(null, null, null, null, "order-10", 0, 10)))
                .containsExactly(third.id(), first.id());
        assertThat(ids(new InvoiceQuery(null, null, null, null, second.id(), 0, 10)))
                .containsExactly(second.id());
        assertThat(ids(InvoiceQuery.all(1, 1))).containsExactly(second.id());
    }

    @Test
    void several_statuses_are_merged_newest_first_and_paged_as_one_list() {
        Invoice first = invoices.create(newInvoice(merchant.id(), 1_000L, "order-1", CREATED));
        Invoice second = invoices.create(newInvoice(merchant.id(), 2_000L, "order-2", CREATED.plusSeconds(60)));
        Invoice third = invoices.create(newInvoice(merchant.id(), 3_000L, "order-3", CREATED.plusSeconds(120)));
        Invoice fourth = invoices.create(newInvoice(merchant.id(), 4_000L, "order-4", CREATED.plusSeconds(180)));
        invoices.saveState(new InvoiceStateUpdate(
                second.id(), 1, InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.NONE, 0, null, List.of(), "{}"));
        invoices.saveState(new InvoiceStateUpdate(
                fourth.id(), 1, InvoiceStatus.SETTLED, InvoiceAdditionalStatus.NONE, 4_000L, null, List.of(), "{}"));
        Set<InvoiceStatus> newOrExpired = Set.of(InvoiceStatus.NEW, InvoiceStatus.EXPIRED);

        assertThat(ids(new InvoiceQuery(merchant.id(), newOrExpired, null, null, null, 0, 10)))
                .containsExactly(third.id(), second.id(), first.id());
        assertThat(ids(new InvoiceQuery(null, newOrExpired, null, null, null, 1, 1)))
                .containsExactly(second.id());
        assertThat(ids(new InvoiceQuery(null, newOrExpired, null, null, null, 2, 5)))
                .containsExactly(first.id());
        assertThat(ids(new InvoiceQuery(null, newOrExpired, CREATED.plusSeconds(60), null, "order-", 0, 10)))
                .containsExactly(third.id(), second.id());
        assertThat(ids(new InvoiceQuery(null, newOrExpired, null, null, null, 3, 10)))
                .isEmpty();
    }

    private static List<String> ids(InvoiceQuery query) {
        return invoices.find(query).stream().map(Invoice::id).toList();
    }

    private static NewInvoice newInvoice(String merchantId, Long amountMsat, String orderId, Instant createdAt) {
        Instant expiresAt = createdAt.plus(Duration.ofMinutes(15));
        return new NewInvoice(
                merchantId,
                amountMsat,
                "EUR",
                new BigDecimal("12.50"),
                new BigDecimal("50000"),
                orderId,
                orderId == null ? null : "{\"orderId\":\"" + orderId + "\",\"buyerEmail\":\"a@example.com\"}",
                SpeedPolicy.LOW_MEDIUM,
                NewInvoice.basisPoints(new BigDecimal("1.50")),
                NewInvoice.basisPoints(new BigDecimal("1.00")),
                createdAt,
                expiresAt,
                expiresAt.plus(Duration.ofMinutes(1440)));
    }

    private static InvoicePayment chainPayment(String ref, int confirmations, PaymentStatus status) {
        return new InvoicePayment(
                PaymentMethod.BTC_CHAIN,
                ref,
                "bc1qexample",
                150_000_000L,
                confirmations,
                false,
                status,
                CREATED.plusSeconds(30));
    }
}
