package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The invoice workflow with its real activities against MariaDB: state, payments, timeline and ledger. */
class InvoiceWorkflowIT {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final long AMOUNT = 250_000_000L;

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(InvoiceWorkflowImpl.class)
            .setInitialTime(START)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static LedgerRepository ledger;
    private static MerchantRepository merchants;

    private final AtomicBoolean crashAfterNextPosting = new AtomicBoolean();
    private WorkflowClient client;
    private Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("invoice_workflow_it");
        dsl = database.dsl();
        invoices = new InvoiceRepository(dsl);
        ledger = new LedgerRepository(dsl);
        merchants = new MerchantRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorker(TestWorkflowEnvironment env, WorkflowClient client) {
        this.client = client;
        merchant = merchants.create(NewMerchant.withDefaults("Shop " + System.nanoTime(), "EUR"));
        InvoiceActivities real = new InvoiceActivitiesImpl(
                invoices, ledger, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
        InvoiceWorker.register(env.newWorker(InvoiceWorkflow.TASK_QUEUE), crashingAfterPosting(real));
        env.start();
    }

    @Test
    void a_lightning_payment_settles_the_stored_invoice_and_credits_the_merchant_less_the_fee() {
        Msat feesBefore = balance(ChartOfAccounts.PROCESSING_FEE_REVENUE.code());
        Msat lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());

        workflow.paymentSeen(PaymentObserved.lightning("hash-e2e", AMOUNT));
        InvoiceState result = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        assertThat(result.status()).isEqualTo(InvoiceStatus.SETTLED);
        Invoice stored = invoices.findById(invoice.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(stored.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);
        assertThat(stored.paidMsat()).isEqualTo(AMOUNT);
        assertThat(stored.revision()).isEqualTo(result.revision());
        assertThat(invoices.findPayments(invoice.id()))
                .singleElement()
                .satisfies(payment -> assertThat(payment.status()).isEqualTo(PaymentStatus.CONFIRMED));
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .containsExactly(
                        "InvoiceCreated",
                        "InvoiceReceivedPayment",
                        "InvoiceProcessing",
                        "InvoicePaymentSettled",
                        "InvoiceSettled");
        long fee = AMOUNT / 100; // the merchant's default 1 %
        assertThat(balance(ChartOfAccounts.merchantBalance(merchant.id()).code()))
                .isEqualTo(Msat.ofMsat(AMOUNT - fee));
        assertThat(balance(ChartOfAccounts.PROCESSING_FEE_REVENUE.code()).minus(feesBefore))
                .isEqualTo(Msat.ofMsat(fee));
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code()).minus(lightningBefore))
                .isEqualTo(Msat.ofMsat(AMOUNT));
    }

    @Test
    void a_settlement_retried_after_a_crash_writes_one_ledger_entry() {
        crashAfterNextPosting.set(true);
        Msat onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());

        workflow.paymentSeen(PaymentObserved.onChain("tx:0", "bc1qa", AMOUNT, 1, false));
        WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        assertThat(crashAfterNextPosting).isFalse();
        assertThat(dsl.fetchCount(dsl.selectFrom("ledger_entry")
                        .where("source_key = ?", "invoice-" + invoice.id() + "-settlement")))
                .isEqualTo(1);
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code()).minus(onchainBefore))
                .isEqualTo(Msat.ofMsat(AMOUNT));
    }

    @Test
    void staff_mark_an_invoice_after_its_workflow_closed_with_the_same_rules_and_bookkeeping(
            TestWorkflowEnvironment env) {
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        workflow.paymentSeen(PaymentObserved.onChain("partial:0", "bc1qa", AMOUNT / 2, 1, false));
        InvoiceState closed = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);
        assertThat(closed.status()).isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(closed.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_PARTIAL);
        String merchantBalance = ChartOfAccounts.merchantBalance(merchant.id()).code();
        // a plain client, as the portal has: the test environment's own client lets time run while it waits for a
        // result, and with nothing scheduled the test server would jump years ahead while the marking runs
        WorkflowClient client = WorkflowClient.newInstance(
                env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder()
                        .setNamespace(env.getNamespace())
                        .build());

        MarkResult settled = InvoiceWorkflows.mark(
                client, invoice.id(), new MarkRequest(MarkTarget.SETTLED, "support@flash", "paid the rest in cash"));

        assertThat(settled).isEqualTo(MarkResult.MARKED);
        Invoice stored = invoices.findById(invoice.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(stored.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.MARKED);
        assertThat(stored.statusReason()).isEqualTo("paid the rest in cash");
        assertThat(stored.revision()).isGreaterThan(closed.revision());
        long received = AMOUNT / 2;
        assertThat(balance(merchantBalance)).isEqualTo(Msat.ofMsat(received - received / 100));

        MarkResult invalid = InvoiceWorkflows.mark(
                client, invoice.id(), new MarkRequest(MarkTarget.INVALID, "finance@flash", "cash was counterfeit"));
        MarkResult again = InvoiceWorkflows.mark(
                client, invoice.id(), new MarkRequest(MarkTarget.INVALID, "finance@flash", "twice"));

        assertThat(invalid).isEqualTo(MarkResult.MARKED);
        assertThat(again).isEqualTo(MarkResult.ALREADY_INVALID);
        assertThat(invoices.findById(invoice.id()).orElseThrow().status()).isEqualTo(InvoiceStatus.INVALID);
        assertThat(balance(merchantBalance)).isEqualTo(Msat.ZERO);
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .endsWith("InvoiceSettled", "InvoiceInvalid");
    }

    @Test
    void the_activities_refuse_an_invoice_that_is_not_stored() {
        InvoiceActivities activities = new InvoiceActivitiesImpl(
                invoices, ledger, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
        InvoiceRequest unknown = new InvoiceRequest(
                "unknown",
                merchant.id(),
                AMOUNT,
                0,
                SpeedPolicy.HIGH,
                100,
                START.plusSeconds(60),
                START.plusSeconds(60));

        assertThatThrownBy(() -> activities.saveState(InvoiceRules.open(unknown)))
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(e -> assertThat(((ApplicationFailure) e).getType())
                        .isEqualTo(InvoiceFailure.INVOICE_NOT_FOUND.name()));
    }

    private Msat balance(String account) {
        return ledger.accountBalance(account).orElseThrow().balanceMsat();
    }

    private NewInvoice newInvoice(SpeedPolicy policy) {
        Instant expiresAt = START.plus(Duration.ofMinutes(15));
        return new NewInvoice(
                merchant.id(),
                AMOUNT,
                "EUR",
                new BigDecimal("125.00"),
                new BigDecimal("50000"),
                "order-1",
                "{\"orderId\":\"order-1\"}",
                policy,
                0,
                NewInvoice.basisPoints(merchant.processingFeePct()),
                START,
                expiresAt,
                expiresAt.plus(Duration.ofMinutes(merchant.monitoringMinutes())));
    }

    /** The real activities, but the next settlement "crashes" after its ledger write, as a dying worker would. */
    private InvoiceActivities crashingAfterPosting(InvoiceActivities real) {
        return new ForwardingInvoiceActivities(real) {
            @Override
            public void postSettlement(SettlementPosting posting) {
                super.postSettlement(posting);
                if (crashAfterNextPosting.getAndSet(false)) {
                    throw new IllegalStateException("simulated worker crash after the ledger write");
                }
            }
        };
    }
}
