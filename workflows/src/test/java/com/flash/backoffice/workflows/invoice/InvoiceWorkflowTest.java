package com.flash.backoffice.workflows.invoice;

import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.MARKED;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.NONE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_LATE;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_OVER;
import static com.flash.backoffice.db.invoice.InvoiceAdditionalStatus.PAID_PARTIAL;
import static com.flash.backoffice.db.invoice.InvoiceStatus.EXPIRED;
import static com.flash.backoffice.db.invoice.InvoiceStatus.INVALID;
import static com.flash.backoffice.db.invoice.InvoiceStatus.NEW;
import static com.flash.backoffice.db.invoice.InvoiceStatus.PROCESSING;
import static com.flash.backoffice.db.invoice.InvoiceStatus.SETTLED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every transition of the invoice workflow, with time skipping and in-memory activities. */
class InvoiceWorkflowTest {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration EXPIRY = Duration.ofMinutes(15);
    private static final Duration MONITORING = Duration.ofMinutes(60);
    private static final long AMOUNT = 100_000_000L; // 100,000 sat

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(InvoiceWorkflowImpl.class)
            .setInitialTime(START)
            .setDoNotStart(true)
            .build();

    private final RecordingInvoiceActivities activities = new RecordingInvoiceActivities();
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private int invoiceCounter;

    @BeforeEach
    void startWorkerOnTheInvoiceQueue(TestWorkflowEnvironment env, WorkflowClient client) {
        this.env = env;
        this.client = client;
        InvoiceWorker.register(env.newWorker(InvoiceWorkflow.TASK_QUEUE), activities);
        env.start();
    }

    @ParameterizedTest
    @EnumSource(SpeedPolicy.class)
    void an_onchain_payment_in_full_settles_when_it_has_the_confirmations_of_the_speed_policy(SpeedPolicy policy) {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, policy));
        int required = policy.confirmations();

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));
        if (required == 0) {
            assertStatus(awaitRevision(invoice, 1), SETTLED, NONE);
        } else {
            assertStatus(awaitRevision(invoice, 1), PROCESSING, NONE);
            invoice.confirmations(new ConfirmationsChanged("tx1:0", required - 1));
            assertThat(awaitRevision(invoice, required == 1 ? 1 : 2).status()).isEqualTo(PROCESSING);
            invoice.confirmations(new ConfirmationsChanged("tx1:0", required));
            assertStatus(awaitRevision(invoice, required == 1 ? 2 : 3), SETTLED, NONE);
        }

        InvoiceState result = finish(invoice);
        assertStatus(result, SETTLED, NONE);
        assertThat(activities.postings()).singleElement().satisfies(posting -> {
            assertThat(posting.sourceKey()).isEqualTo("invoice-" + result.invoiceId() + "-settlement");
            assertThat(posting.onchainMsat()).isEqualTo(AMOUNT);
            assertThat(posting.lightningMsat()).isZero();
        });
        assertThat(activities.eventTypes())
                .containsSubsequence(
                        "InvoiceCreated",
                        "InvoiceReceivedPayment",
                        "InvoiceProcessing",
                        "InvoicePaymentSettled",
                        "InvoiceSettled");
    }

    @Test
    void an_rbf_signalling_payment_needs_one_confirmation_even_under_high_speed() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, true));
        assertStatus(awaitRevision(invoice, 1), PROCESSING, NONE);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 1));

        assertStatus(awaitRevision(invoice, 2), SETTLED, NONE);
    }

    @Test
    void a_lightning_payment_in_full_settles_at_once() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.LOW));

        invoice.paymentSeen(PaymentObserved.lightning("hash1", AMOUNT));

        assertStatus(awaitRevision(invoice, 1), SETTLED, NONE);
        finish(invoice);
        assertThat(activities.postings())
                .singleElement()
                .satisfies(posting -> assertThat(posting.lightningMsat()).isEqualTo(AMOUNT));
        assertThat(activities.eventTypes())
                .containsSubsequence("InvoiceReceivedPayment", "InvoiceProcessing", "InvoiceSettled");
    }

    @Test
    void a_partial_payment_keeps_the_invoice_new_until_the_rest_arrives() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", 40_000_000L, 0, false));
        InvoiceState partial = awaitRevision(invoice, 1);
        assertStatus(partial, NEW, PAID_PARTIAL);
        assertThat(partial.minimumDueMsat()).isEqualTo(60_000_000L);

        invoice.paymentSeen(PaymentObserved.lightning("hash2", 60_000_000L));
        assertStatus(awaitRevision(invoice, 2), PROCESSING, NONE);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 1));

        assertStatus(awaitRevision(invoice, 3), SETTLED, NONE);
        finish(invoice);
        assertThat(activities.postings()).singleElement().satisfies(posting -> {
            assertThat(posting.onchainMsat()).isEqualTo(40_000_000L);
            assertThat(posting.lightningMsat()).isEqualTo(60_000_000L);
        });
    }

    @Test
    void an_overpayment_is_flagged_paid_over() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT + 1, 0, false));
        assertStatus(awaitRevision(invoice, 1), PROCESSING, PAID_OVER);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 1));

        assertStatus(awaitRevision(invoice, 2), SETTLED, PAID_OVER);
    }

    @Test
    void a_payment_just_below_the_tolerance_threshold_is_partial_and_one_at_it_is_paid() {
        // 1 % tolerance on 100,000,001 msat: the threshold 99,000,000.99 rounds up to 99,000,001
        InvoiceWorkflow invoice = start(terms(AMOUNT + 1, 100, SpeedPolicy.HIGH));

        invoice.paymentSeen(PaymentObserved.lightning("hash1", 99_000_000L));
        assertStatus(awaitRevision(invoice, 1), NEW, PAID_PARTIAL);
        invoice.paymentSeen(PaymentObserved.lightning("hash2", 1L));

        assertStatus(awaitRevision(invoice, 2), SETTLED, NONE);
    }

    @Test
    void nothing_paid_at_expiry_expires_the_invoice_with_no_additional_status() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));

        env.sleep(EXPIRY.minusMinutes(1));
        assertThat(awaitRevision(invoice, 0).status()).isEqualTo(NEW);
        env.sleep(Duration.ofMinutes(1));

        assertStatus(awaitRevision(invoice, 1), EXPIRED, NONE);
        assertThat(finish(invoice).status()).isEqualTo(EXPIRED);
        assertThat(activities.postings()).isEmpty();
        assertThat(activities.eventTypes()).containsExactly("InvoiceCreated", "InvoiceExpired");
    }

    @Test
    void a_partial_payment_at_expiry_expires_the_invoice_paid_partial() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", 10_000_000L, 0, false));
        awaitRevision(invoice, 1);

        env.sleep(EXPIRY);

        assertStatus(awaitRevision(invoice, 2), EXPIRED, PAID_PARTIAL);
    }

    @Test
    void a_full_payment_after_expiry_inside_the_monitoring_window_leaves_it_expired_paid_late() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        env.sleep(EXPIRY.plusMinutes(5));
        awaitRevision(invoice, 1);

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));

        assertStatus(awaitRevision(invoice, 2), EXPIRED, PAID_LATE);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 6));
        assertStatus(awaitRevision(invoice, 3), EXPIRED, PAID_LATE);
        assertStatus(finish(invoice), EXPIRED, PAID_LATE);
        assertThat(activities.postings())
                .as("the confirmed payment to the expired invoice, once, to suspense")
                .singleElement()
                .satisfies(posting -> {
                    assertThat(posting.purpose()).isEqualTo(SettlementPosting.Purpose.SUSPENSE);
                    assertThat(posting.after().onchainPaidToExpiredMsat()).isEqualTo(AMOUNT);
                });
        assertThat(activities.eventTypes()).contains("InvoicePaidAfterExpiration");
    }

    @Test
    void confirmations_that_arrive_after_expiry_inside_the_monitoring_window_settle_the_invoice() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.LOW_MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));
        assertStatus(awaitRevision(invoice, 1), PROCESSING, NONE);

        env.sleep(EXPIRY.plusMinutes(30));
        assertThat(invoice.state().status()).isEqualTo(PROCESSING);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 2));

        assertStatus(awaitRevision(invoice, 2), SETTLED, NONE);
    }

    @Test
    void a_monitoring_window_that_ends_short_of_the_confirmations_invalidates_the_invoice() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.LOW));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 5));
        awaitRevision(invoice, 2);

        InvoiceState result = finish(invoice);

        assertStatus(result, INVALID, NONE);
        assertThat(activities.postings()).isEmpty();
        assertThat(activities.eventTypes()).endsWith("InvoiceInvalid");
        assertThat(activities.lastSaved()).isEqualTo(result);
    }

    @Test
    void a_dropped_payment_takes_a_processing_invoice_back_to_new() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, true));
        assertStatus(awaitRevision(invoice, 1), PROCESSING, NONE);

        invoice.paymentDropped(new PaymentDropped("tx1:0", "double spent"));

        InvoiceState dropped = awaitRevision(invoice, 2);
        assertStatus(dropped, NEW, NONE);
        assertThat(dropped.paidMsat()).isZero();
    }

    @Test
    void a_zero_confirmation_settlement_whose_payment_is_double_spent_is_reversed_and_finance_is_noticed() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));
        assertStatus(awaitRevision(invoice, 1), SETTLED, NONE);

        invoice.paymentDropped(new PaymentDropped("tx1:0", "the transaction left the mempool without being mined"));

        InvoiceState reversed = awaitRevision(invoice, 2);
        assertStatus(reversed, INVALID, NONE);
        assertThat(reversed.statusReason()).isEqualTo(InvoiceRules.PAYMENT_DOUBLE_SPENT);
        InvoiceState result = finish(invoice);
        assertStatus(result, INVALID, NONE);
        String settlement = "invoice-" + result.invoiceId() + "-settlement";
        assertThat(activities.postings())
                .extracting(SettlementPosting::sourceKey, SettlementPosting::reversal, SettlementPosting::onchainMsat)
                .containsExactly(tuple(settlement, false, AMOUNT), tuple(settlement + "-reversal-2", true, AMOUNT));
        assertThat(activities.notices()).singleElement().satisfies(notice -> {
            assertThat(notice.invoiceId()).isEqualTo(result.invoiceId());
            assertThat(notice.droppedPaymentRefs()).containsExactly("tx1:0");
            assertThat(notice.reversedMsat()).isEqualTo(AMOUNT);
            assertThat(notice.reversalSourceKey()).isEqualTo(settlement + "-reversal-2");
        });
        assertThat(activities.eventTypes()).endsWith("InvoiceSettled", "InvoiceInvalid");
        assertThat(activities.lastSaved()).isEqualTo(result);
    }

    @Test
    void a_drop_on_an_invoice_that_staff_marked_settled_keeps_its_settlement_and_notices_nobody() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT / 2, 0, false));
        awaitRevision(invoice, 1);
        assertThat(invoice.mark(new MarkRequest(MarkTarget.SETTLED, "support", "paid the rest in cash")))
                .isEqualTo(MarkResult.MARKED);

        invoice.paymentDropped(new PaymentDropped("tx1:0", "double spent"));

        assertStatus(awaitRevision(invoice, 3), SETTLED, MARKED);
        assertThat(activities.postings()).hasSize(1);
        assertThat(activities.notices()).isEmpty();
    }

    @Test
    void a_reorg_that_drops_one_of_two_payments_leaves_the_invoice_new_and_paid_partial() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", 30_000_000L, 1, false));
        invoice.paymentSeen(PaymentObserved.onChain("tx2:1", "bc1qa", 70_000_000L, 0, false));
        assertStatus(awaitRevision(invoice, 2), PROCESSING, NONE);

        invoice.paymentDropped(new PaymentDropped("tx2:1", "reorg"));

        assertStatus(awaitRevision(invoice, 3), NEW, PAID_PARTIAL);
    }

    @Test
    void a_top_up_invoice_is_completed_by_any_payment() {
        InvoiceWorkflow invoice = start(terms(null, 0, SpeedPolicy.MEDIUM));

        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", 1_234_000L, 0, false));
        assertStatus(awaitRevision(invoice, 1), PROCESSING, NONE);
        invoice.confirmations(new ConfirmationsChanged("tx1:0", 1));

        assertStatus(awaitRevision(invoice, 2), SETTLED, NONE);
        finish(invoice);
        assertThat(activities.postings())
                .singleElement()
                .satisfies(posting -> assertThat(posting.onchainMsat()).isEqualTo(1_234_000L));
    }

    @Test
    void the_same_payment_signalled_twice_is_counted_once() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        PaymentObserved half = PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT / 2, 0, false);

        invoice.paymentSeen(half);
        invoice.paymentSeen(half);
        invoice.paymentSeen(PaymentObserved.lightning("hash2", 1L));

        InvoiceState state = awaitRevision(invoice, 2);
        assertStatus(state, NEW, PAID_PARTIAL);
        assertThat(state.paidMsat()).isEqualTo(AMOUNT / 2 + 1);
        assertThat(state.payments()).hasSize(2);
    }

    @Test
    void staff_can_mark_an_expired_invoice_settled_and_the_receipt_is_booked() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", 90_000_000L, 3, false));
        env.sleep(EXPIRY);
        assertStatus(awaitRevision(invoice, 2), EXPIRED, PAID_PARTIAL);

        MarkResult result = invoice.mark(new MarkRequest(MarkTarget.SETTLED, "support@flash", "customer paid fee"));

        assertThat(result).isEqualTo(MarkResult.MARKED);
        InvoiceState marked = invoice.state();
        assertStatus(marked, SETTLED, MARKED);
        assertThat(marked.statusReason()).isEqualTo("customer paid fee");
        assertThat(activities.lastSaved().revision()).isEqualTo(marked.revision());
        assertThat(activities.postings())
                .extracting(SettlementPosting::purpose, SettlementPosting::onchainMsat)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SettlementPosting.Purpose.SUSPENSE, 0L),
                        org.assertj.core.groups.Tuple.tuple(SettlementPosting.Purpose.SETTLEMENT, 90_000_000L));
    }

    @Test
    void a_marking_that_arrives_during_the_first_save_returns_only_once_the_marked_state_is_stored() {
        activities.slowSaves(300);
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));

        MarkResult result = invoice.mark(new MarkRequest(MarkTarget.INVALID, "support@flash", "order cancelled"));

        assertThat(result).isEqualTo(MarkResult.MARKED);
        assertStatus(activities.lastSaved(), INVALID, MARKED);
    }

    @Test
    void staff_cannot_mark_an_invoice_settled_by_its_payments_invalid() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));
        invoice.paymentSeen(PaymentObserved.lightning("hash1", AMOUNT));
        awaitRevision(invoice, 1);

        assertThat(invoice.mark(new MarkRequest(MarkTarget.INVALID, "finance@flash", "fraud")))
                .isEqualTo(MarkResult.SETTLED_BY_PAYMENT);
        assertThat(invoice.mark(new MarkRequest(MarkTarget.SETTLED, "finance@flash", "again")))
                .isEqualTo(MarkResult.ALREADY_SETTLED);
        assertStatus(invoice.state(), SETTLED, NONE);
    }

    @Test
    void a_marking_without_a_reason_is_refused() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));

        assertThat(invoice.mark(new MarkRequest(MarkTarget.INVALID, "support@flash", " ")))
                .isEqualTo(MarkResult.REASON_REQUIRED);
        assertStatus(invoice.state(), NEW, NONE);
    }

    @Test
    void marking_a_marked_settled_invoice_invalid_reverses_its_booking() {
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.MEDIUM));
        invoice.paymentSeen(PaymentObserved.onChain("tx1:0", "bc1qa", AMOUNT, 0, false));
        awaitRevision(invoice, 1);
        invoice.mark(new MarkRequest(MarkTarget.SETTLED, "support@flash", "trusted customer"));

        MarkResult result = invoice.mark(new MarkRequest(MarkTarget.INVALID, "finance@flash", "double spent"));

        assertThat(result).isEqualTo(MarkResult.MARKED);
        assertStatus(invoice.state(), INVALID, MARKED);
        String id = invoice.state().invoiceId();
        assertThat(activities.postings())
                .extracting(SettlementPosting::sourceKey, SettlementPosting::reversal)
                .containsExactly(
                        tuple("invoice-" + id + "-settlement", false),
                        tuple("invoice-" + id + "-settlement-reversal-2", true));
    }

    @Test
    void a_settlement_retried_after_a_crash_is_booked_once() {
        activities.failNextPostingAfterWriting();
        InvoiceWorkflow invoice = start(terms(AMOUNT, 0, SpeedPolicy.HIGH));

        invoice.paymentSeen(PaymentObserved.lightning("hash1", AMOUNT));
        InvoiceState result = finish(invoice);

        assertStatus(result, SETTLED, NONE);
        assertThat(activities.postingAttempts()).isEqualTo(2);
        assertThat(activities.postings()).hasSize(1);
    }

    @Test
    void a_mark_after_the_invoice_closed_whose_posting_the_ledger_refuses_parks_needing_attention_until_staff_retry() {
        InvoiceState expired = InvoiceRules.expire(InvoiceRules.open(terms(AMOUNT, 0, SpeedPolicy.HIGH)), START);
        String id = expired.invoiceId();
        // as the closed invoice workflow left it: paid late, the receipt in suspense
        activities.saveState(InvoiceRules.paymentSeen(expired, PaymentObserved.lightning("late", AMOUNT), START));
        activities.refuseNextPosting();
        ClosedInvoiceMarkWorkflow marking = client.newWorkflowStub(
                ClosedInvoiceMarkWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(InvoiceWorkflow.TASK_QUEUE)
                        .setWorkflowId(ClosedInvoiceMarkWorkflow.workflowId(id))
                        .build());

        WorkflowClient.start(marking::mark, id, new MarkRequest(MarkTarget.SETTLED, "support", "paid late"));
        InvoiceState parked =
                await().atMost(Duration.ofSeconds(10)).until(activities::lastSaved, InvoiceState::needsAttention);
        InvoiceWorkflows.retryPosting(client, id);
        MarkResult result = WorkflowStub.fromTyped(marking).getResult(MarkResult.class);

        assertThat(result).isEqualTo(MarkResult.MARKED);
        assertThat(parked.attentionReason()).isEqualTo("invoice-" + id + "-settlement-2: refused for the test");
        assertStatus(parked, SETTLED, MARKED);
        InvoiceState stored = activities.lastSaved();
        assertStatus(stored, SETTLED, MARKED);
        assertThat(stored.needsAttention()).isFalse();
        assertThat(stored.revision()).isGreaterThan(parked.revision());
        assertThat(activities.postingAttempts()).isEqualTo(2);
        assertThat(activities.postings())
                .extracting(SettlementPosting::sourceKey)
                .containsExactly("invoice-" + id + "-settlement-2");
    }

    @Test
    void starting_an_invoice_workflow_twice_is_success_and_keeps_one_run() {
        InvoiceRequest terms = terms(AMOUNT, 0, SpeedPolicy.MEDIUM);
        InvoiceWorkflow invoice = start(terms);

        InvoiceWorkflows.start(client, terms);

        assertThat(awaitRevision(invoice, 0).status()).isEqualTo(NEW);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(activities.eventTypes()).containsOnlyOnce("InvoiceCreated"));
    }

    private InvoiceRequest terms(Long amountMsat, int toleranceBasisPoints, SpeedPolicy policy) {
        Instant expiresAt = START.plus(EXPIRY);
        return new InvoiceRequest(
                "inv" + (++invoiceCounter),
                "merchant1",
                amountMsat,
                toleranceBasisPoints,
                policy,
                100,
                expiresAt,
                expiresAt.plus(MONITORING),
                OnchainCustody.MERCHANT_WALLET);
    }

    private InvoiceWorkflow start(InvoiceRequest request) {
        InvoiceWorkflows.start(client, request);
        return InvoiceWorkflows.existing(client, request.invoiceId());
    }

    /** Waits until the workflow's state reached {@code revision}; each change of state adds exactly one. */
    private static InvoiceState awaitRevision(InvoiceWorkflow invoice, int revision) {
        InvoiceState state = await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(invoice::state, s -> s != null && s.revision() >= revision);
        assertThat(state.revision()).as("revision").isEqualTo(revision);
        return state;
    }

    /** Lets time run to the end of the monitoring window and returns the workflow's final state. */
    private static InvoiceState finish(InvoiceWorkflow invoice) {
        return WorkflowStub.fromTyped(invoice).getResult(InvoiceState.class);
    }

    private static void assertStatus(InvoiceState state, InvoiceStatus status, InvoiceAdditionalStatus additional) {
        assertThat(state.status()).as("status").isEqualTo(status);
        assertThat(state.additionalStatus()).as("additional status").isEqualTo(additional);
    }
}
