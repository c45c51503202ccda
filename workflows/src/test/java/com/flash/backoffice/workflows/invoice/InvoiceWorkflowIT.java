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
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final AtomicInteger refuseNextPostings = new AtomicInteger();
    private static SuspenseReceiptRepository suspense;
    private WorkflowClient client;
    private Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("invoice_workflow_it");
        dsl = database.dsl();
        invoices = new InvoiceRepository(dsl);
        ledger = new LedgerRepository(dsl);
        merchants = new MerchantRepository(dsl);
        suspense = new SuspenseReceiptRepository(dsl);
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
                invoices, dsl, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
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
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.FLASH_WALLET));
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
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.FLASH_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        workflow.paymentSeen(PaymentObserved.onChain("partial:0", "bc1qa", AMOUNT / 2, 1, false));
        InvoiceState closed = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);
        assertThat(closed.status()).isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(closed.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_PARTIAL);
        String merchantBalance = ChartOfAccounts.merchantBalance(merchant.id()).code();
        WorkflowClient client = plainClient(env);

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
                invoices, dsl, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
        InvoiceRequest unknown = new InvoiceRequest(
                "unknown",
                merchant.id(),
                AMOUNT,
                0,
                SpeedPolicy.HIGH,
                100,
                START.plusSeconds(60),
                START.plusSeconds(60),
                OnchainCustody.MERCHANT_WALLET);

        assertThatThrownBy(() -> activities.saveState(InvoiceRules.open(unknown)))
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(e -> assertThat(((ApplicationFailure) e).getType())
                        .isEqualTo(InvoiceFailure.INVOICE_NOT_FOUND.name()));
    }

    @Test
    void a_custodial_on_chain_overpayment_is_flashs_asset_owed_to_the_merchant_with_the_overpaid_part_in_suspense() {
        Msat onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        Msat suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.FLASH_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());

        workflow.paymentSeen(PaymentObserved.onChain("over:0", "bcrt1qflash", AMOUNT + 3_000_000L, 1, false));
        InvoiceState result = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        assertThat(result.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_OVER);
        long fee = AMOUNT / 100;
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code()).minus(onchainBefore))
                .isEqualTo(Msat.ofMsat(AMOUNT + 3_000_000L));
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code()).minus(suspenseBefore))
                .isEqualTo(Msat.ofMsat(3_000_000L));
        assertThat(merchantBalances())
                .containsEntry(ChartOfAccounts.merchantBalance(merchant.id()).code(), AMOUNT - fee)
                .containsEntry(ChartOfAccounts.feesReceivable(merchant.id()).code(), 0L);
        assertThat(suspense.findByKey("invoice-" + invoice.id() + "-overpaid")).hasValueSatisfying(receipt -> {
            assertThat(receipt.kind()).isEqualTo(SuspenseKind.OVERPAID);
            assertThat(receipt.custodial()).isTrue();
            assertThat(receipt.amountMsat()).isEqualTo(3_000_000L);
            assertThat(receipt.ledgerSourceKey()).isEqualTo("invoice-" + invoice.id() + "-settlement");
        });
        assertLedgerBalances();
    }

    @Test
    void a_payment_to_the_merchants_own_wallet_books_only_the_fee_it_owes_and_the_overpaid_part_is_a_note() {
        Msat onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        Msat feesBefore = balance(ChartOfAccounts.PROCESSING_FEE_REVENUE.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.MERCHANT_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());

        workflow.paymentSeen(PaymentObserved.onChain("own:0", "bc1qmerchant", AMOUNT + 1_000_000L, 1, false));
        WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        long fee = AMOUNT / 100;
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code())).isEqualTo(onchainBefore);
        assertThat(balance(ChartOfAccounts.PROCESSING_FEE_REVENUE.code()).minus(feesBefore))
                .isEqualTo(Msat.ofMsat(fee));
        assertThat(merchantBalances())
                .containsEntry(ChartOfAccounts.feesReceivable(merchant.id()).code(), fee)
                .containsEntry(ChartOfAccounts.merchantBalance(merchant.id()).code(), 0L);
        assertThat(suspense.findByKey("invoice-" + invoice.id() + "-overpaid")).hasValueSatisfying(receipt -> {
            assertThat(receipt.custodial()).isFalse();
            assertThat(receipt.ledgerSourceKey()).isNull();
            assertThat(receipt.amountMsat()).isEqualTo(1_000_000L);
        });
        assertLedgerBalances();
    }

    @Test
    void a_payment_to_a_settled_invoice_paid_to_flashs_wallet_goes_to_suspense_once_it_confirms() {
        Msat suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        Msat onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.FLASH_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        long later = 7_000_000L;

        workflow.paymentSeen(PaymentObserved.onChain("first:0", "bcrt1qflash", AMOUNT, 1, false));
        workflow.paymentSeen(PaymentObserved.onChain("later:0", "bcrt1qflash", later, 0, false));
        workflow.confirmations(new ConfirmationsChanged("later:0", 1));
        InvoiceState result = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        assertThat(result.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(result.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_OVER);
        long fee = AMOUNT / 100;
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code()).minus(onchainBefore))
                .isEqualTo(Msat.ofMsat(AMOUNT + later));
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code()).minus(suspenseBefore))
                .isEqualTo(Msat.ofMsat(later));
        assertThat(merchantBalances())
                .containsEntry(ChartOfAccounts.merchantBalance(merchant.id()).code(), AMOUNT - fee)
                .containsEntry(ChartOfAccounts.feesReceivable(merchant.id()).code(), 0L);
        assertThat(suspense.findByInvoice(invoice.id())).singleElement().satisfies(receipt -> {
            assertThat(receipt.receiptKey()).isEqualTo("invoice-" + invoice.id() + "-overpaid-2");
            assertThat(receipt.kind()).isEqualTo(SuspenseKind.OVERPAID);
            assertThat(receipt.custodial()).isTrue();
            assertThat(receipt.amountMsat()).isEqualTo(later);
            assertThat(receipt.ledgerSourceKey()).isEqualTo("invoice-" + invoice.id() + "-suspense-2");
        });
        assertLedgerBalances();
    }

    @Test
    void a_payment_to_a_settled_invoice_paid_to_the_merchants_own_wallet_is_a_note_and_no_entry() {
        Msat suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        Msat onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.MERCHANT_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        long later = 7_000_000L;

        workflow.paymentSeen(PaymentObserved.onChain("first:0", "bc1qmerchant", AMOUNT, 1, false));
        workflow.paymentSeen(PaymentObserved.onChain("later:0", "bc1qmerchant", later, 1, false));
        WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);

        long fee = AMOUNT / 100;
        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code())).isEqualTo(onchainBefore);
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())).isEqualTo(suspenseBefore);
        assertThat(merchantBalances())
                .containsEntry(ChartOfAccounts.feesReceivable(merchant.id()).code(), fee)
                .containsEntry(ChartOfAccounts.merchantBalance(merchant.id()).code(), 0L);
        assertThat(suspense.findByInvoice(invoice.id())).singleElement().satisfies(receipt -> {
            assertThat(receipt.receiptKey()).isEqualTo("invoice-" + invoice.id() + "-overpaid-2");
            assertThat(receipt.custodial()).isFalse();
            assertThat(receipt.ledgerSourceKey()).isNull();
            assertThat(receipt.amountMsat()).isEqualTo(later);
        });
        assertLedgerBalances();
    }

    @Test
    void staff_allocation_then_marking_settled_never_credits_the_merchant_twice(TestWorkflowEnvironment env) {
        Msat suspenseBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice, OnchainCustody.MERCHANT_WALLET));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        env.sleep(Duration.ofMinutes(16));
        workflow.paymentSeen(PaymentObserved.lightning("late-hash", AMOUNT));
        InvoiceState closed = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);
        assertThat(closed.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_LATE);
        SuspenseReceipt receipt = suspense.findByKey("invoice-" + invoice.id() + "-paid-to-expired")
                .orElseThrow();
        assertThat(receipt.kind()).isEqualTo(SuspenseKind.PAID_TO_EXPIRED);
        assertThat(receipt.amountMsat()).isEqualTo(AMOUNT);
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code()).minus(suspenseBefore))
                .isEqualTo(Msat.ofMsat(AMOUNT));
        String liability = ChartOfAccounts.merchantBalance(merchant.id()).code();
        long allocated = 100_000_000L;
        // what the suspense helper's allocation does: resolve part of the receipt, move it to the merchant
        assertThat(suspense.resolve(receipt.id(), receipt.revision(), allocated))
                .isTrue();
        ledger.post(new JournalEntry(
                "suspense-allocation-" + receipt.id() + "-" + receipt.revision(),
                "allocated to the merchant",
                START,
                List.of(
                        JournalLine.debit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), Msat.ofMsat(allocated)),
                        JournalLine.credit(liability, Msat.ofMsat(allocated)))));

        MarkResult marked = InvoiceWorkflows.mark(
                plainClient(env),
                invoice.id(),
                new MarkRequest(MarkTarget.SETTLED, "support@flash", "customer paid late, accepted"));

        assertThat(marked).isEqualTo(MarkResult.MARKED);
        long fee = AMOUNT / 100;
        assertThat(balance(liability)).as("the merchant's share, once").isEqualTo(Msat.ofMsat(AMOUNT - fee));
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())).isEqualTo(suspenseBefore);
        assertThat(suspense.findById(receipt.id()).orElseThrow().openMsat()).isZero();
        assertLedgerBalances();
    }

    @Test
    void a_refused_posting_parks_the_invoice_as_needing_attention_until_staff_retry() {
        refuseNextPostings.set(1);
        Invoice invoice = invoices.create(newInvoice(SpeedPolicy.MEDIUM));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());

        workflow.paymentSeen(PaymentObserved.lightning("refused-hash", AMOUNT));
        Invoice parked = eventually(() -> invoices.findById(invoice.id()).orElseThrow(), Invoice::needsAttention);
        assertThat(parked.attentionReason())
                .contains("invoice-" + invoice.id() + "-settlement", "refused for the test");
        assertThat(workflow.state().needsAttention()).isTrue();
        assertThat(dsl.fetchCount(dsl.selectFrom("ledger_entry")
                        .where("source_key = ?", "invoice-" + invoice.id() + "-settlement")))
                .as("nothing posted while parked")
                .isZero();
        workflow.paymentSeen(PaymentObserved.lightning("refused-hash", AMOUNT));

        workflow.retryPosting();

        Invoice resumed = eventually(() -> invoices.findById(invoice.id()).orElseThrow(), i -> !i.needsAttention());
        assertThat(resumed.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(balance(ChartOfAccounts.merchantBalance(merchant.id()).code()))
                .isEqualTo(Msat.ofMsat(AMOUNT - AMOUNT / 100));
        InvoiceState result = WorkflowStub.fromTyped(workflow).getResult(InvoiceState.class);
        assertThat(result.needsAttention()).isFalse();
    }

    private static <T> T eventually(java.util.function.Supplier<T> read, java.util.function.Predicate<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = read.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting; last value " + value);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }

    /** A plain client, as the portal has: the environment's own lets time jump while it waits for a result. */
    private static WorkflowClient plainClient(TestWorkflowEnvironment env) {
        return WorkflowClient.newInstance(
                env.getWorkflowServiceStubs(),
                WorkflowClientOptions.newBuilder()
                        .setNamespace(env.getNamespace())
                        .build());
    }

    private java.util.Map<String, Long> merchantBalances() {
        java.util.Map<String, Long> balances = new java.util.HashMap<>();
        ledger.merchantAccountBalances(merchant.id())
                .forEach(b -> balances.put(b.code(), b.balanceMsat().msat()));
        return balances;
    }

    /** Debits equal credits over the whole ledger. */
    private static void assertLedgerBalances() {
        long debits = 0;
        long credits = 0;
        for (var type : ledger.balancesByAccountType()) {
            debits += type.debitMsat().msat();
            credits += type.creditMsat().msat();
        }
        assertThat(debits).isEqualTo(credits);
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
                if (refuseNextPostings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw ApplicationFailure.newNonRetryableFailure(
                            "refused for the test", InvoiceFailure.LEDGER_REFUSED.name());
                }
                super.postSettlement(posting);
                if (crashAfterNextPosting.getAndSet(false)) {
                    throw new IllegalStateException("simulated worker crash after the ledger write");
                }
            }
        };
    }
}
