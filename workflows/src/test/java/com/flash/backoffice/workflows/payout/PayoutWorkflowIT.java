package com.flash.backoffice.workflows.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flash.backoffice.db.approval.ApprovalRepository;
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
import com.flash.backoffice.db.payout.PayoutEvent;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.payout.PayoutSettings;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalReminder;
import com.flash.backoffice.workflows.approval.ApprovalResult;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentFailure;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.testsupport.ScriptedPayments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The payout workflow end to end with time skipping: the real payout and approval activities on MariaDB (ledger,
 * timeline, inbox, audit, webhook deliveries), a scripted payment activity (the real one is tested on regtest LND).
 */
class PayoutWorkflowIT {

    static final long AUTO_BELOW = 1_000_000L;
    static final long TWO_ABOVE = 100_000_000L;
    static final Duration DEADLINE = Duration.ofHours(48);
    static final ApprovalPolicy POLICY =
            new ApprovalPolicy("FINANCE", AUTO_BELOW, TWO_ABOVE, Duration.ofHours(4), DEADLINE);
    static final Set<String> FINANCE = Set.of("FINANCE");
    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(PayoutWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static PayoutRepository payouts;
    private static LedgerRepository ledger;
    private static ApprovalRepository approvals;
    private static WebhookRepository webhooks;

    private ScriptedPayments payments;
    private RecordingPayoutMail mail;
    private List<ApprovalReminder> reminders;
    private WorkflowClient client;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("payout_workflow_it");
        payouts = new PayoutRepository(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        approvals = new ApprovalRepository(database.dsl());
        webhooks = new WebhookRepository(database.dsl(), com.flash.backoffice.db.testsupport.TestMasterKey.seal());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
        this.env = env;
        this.client = client;
        payments = new ScriptedPayments();
        mail = new RecordingPayoutMail();
        reminders = new CopyOnWriteArrayList<>();
        env.newWorker(PayoutWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(PayoutWorkflowImpl.class);
        env.newWorker(PayoutWorkflow.TASK_QUEUE)
                .registerActivitiesImplementations(new PayoutActivitiesImpl(
                        payouts,
                        new PayoutWebhooks(
                                new com.flash.backoffice.workflows.webhook.PayoutEventWebhooks(webhooks, client)),
                        mail));
        env.newWorker(PaymentActivities.TASK_QUEUE).registerActivitiesImplementations(payments);
        env.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminders::add));
        env.start();
    }

    @Test
    void below_the_auto_approve_limit_a_payout_is_paid_at_once_and_the_ledger_books_it_with_its_fee() {
        Merchant merchant = merchantWithBalance(10_000_000);
        payouts.saveSettings(new PayoutSettings(merchant.id(), AUTO_BELOW, "shop@example.com"));
        Msat feesBefore = balance(ChartOfAccounts.NETWORK_FEES.code());

        Payout payout = request(merchant, 500_000, "sam");
        PayoutSnapshot end = result(payout);

        assertThat(end.status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(payments.orders)
                .containsExactly(new PaymentOrder(
                        "payout-" + payout.id(), payout.destination(), 500_000, payout.feeLimitMsat()));
        Payout stored = payouts.findById(payout.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(PayoutState.COMPLETED);
        assertThat(stored.feeMsat()).isEqualTo(1_500L);
        assertThat(stored.proof()).isEqualTo("preimage-of-payout-" + payout.id());
        assertThat(states(payout))
                .containsExactly(
                        PayoutState.AWAITING_APPROVAL,
                        PayoutState.AWAITING_PAYMENT,
                        PayoutState.IN_PROGRESS,
                        PayoutState.COMPLETED);
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(9_500_000));
        assertThat(balance(ChartOfAccounts.NETWORK_FEES.code()).minus(feesBefore))
                .isEqualTo(Msat.ofMsat(1_500));
        assertThat(approvals.find("payout-" + payout.id())).isEmpty();
        assertThat(mail.sent).singleElement().satisfies(message -> {
            assertThat(message.to()).isEqualTo("shop@example.com");
            assertThat(message.subject()).isEqualTo("Your payout of 0.00000500 BTC was paid");
            assertThat(message.messageId()).isEqualTo("<payout-" + payout.id() + "-3@flash.backoffice>");
        });
    }

    @Test
    void the_requester_cannot_approve_their_own_payout_and_another_finance_person_can() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = request(merchant, 5_000_000, "sam");
        awaitInbox(payout);

        assertThat(refusal(() -> workflow(payout).decide(approve("sam", FINANCE, 0))))
                .isEqualTo("You requested this, so someone else must decide it.");
        ApprovalResult approved = workflow(payout).decide(approve("fiona", FINANCE, 0));

        assertThat(approved.approvalsStillNeeded()).isZero();
        assertThat(result(payout).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(timeline(payout)).extracting(PayoutEvent::note).contains("Approved by fiona");
        assertThat(payments.orders).hasSize(1);
    }

    @Test
    void an_admin_without_finance_cannot_approve_and_nothing_is_paid() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = request(merchant, 5_000_000, "sam");
        awaitInbox(payout);

        assertThat(refusal(() -> workflow(payout).decide(approve("ada", Set.of("ADMIN"), 0))))
                .isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");

        assertThat(workflow(payout).snapshot().status()).isEqualTo(PayoutStatus.AWAITING_APPROVAL);
        assertThat(payments.orders).isEmpty();
    }

    @Test
    void above_the_high_limit_two_distinct_approvers_are_needed_and_the_same_one_twice_is_refused() {
        Merchant merchant = merchantWithBalance(500_000_000);
        Payout payout = request(merchant, TWO_ABOVE + 1, "sam");
        awaitInbox(payout);

        ApprovalResult first = workflow(payout).decide(approve("fiona", FINANCE, 0));
        String again = refusal(() -> workflow(payout).decide(approve("fiona", FINANCE, 1)));
        PayoutSnapshot between = workflow(payout).snapshot();
        workflow(payout).decide(approve("fred", FINANCE, 1));

        assertThat(first.approvalsStillNeeded()).isEqualTo(1);
        assertThat(again).contains("already");
        assertThat(between.status()).isEqualTo(PayoutStatus.AWAITING_APPROVAL);
        assertThat(between.revision()).isEqualTo(1);
        assertThat(payouts.findById(payout.id()).orElseThrow().revision()).isGreaterThanOrEqualTo(2);
        assertThat(result(payout).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(payments.orders).hasSize(1);
    }

    @Test
    void a_decision_on_a_stale_revision_is_refused() {
        Merchant merchant = merchantWithBalance(500_000_000);
        Payout payout = request(merchant, TWO_ABOVE + 1, "sam");
        awaitInbox(payout);
        workflow(payout).decide(approve("fiona", FINANCE, 0));

        assertThat(refusal(() -> workflow(payout).decide(approve("fred", FINANCE, 0))))
                .startsWith("Stale revision: you decided on revision 0 but the request is at revision 1");
        assertThat(workflow(payout).snapshot().status()).isEqualTo(PayoutStatus.AWAITING_APPROVAL);
        assertThat(workflow(payout).snapshot().revision()).isEqualTo(1);
    }

    @Test
    void a_rejection_needs_a_reason_and_cancels_the_payout_releasing_its_reservation() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = request(merchant, 5_000_000, "sam");
        awaitInbox(payout);

        assertThat(refusal(() -> workflow(payout).decide(reject("fiona", null, 0))))
                .contains("reason");
        workflow(payout).decide(reject("fiona", "wrong destination", 0));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(10_000_000));
        assertThat(timeline(payout)).extracting(PayoutEvent::note).contains("Rejected by fiona: wrong destination");
        assertThat(payments.orders).isEmpty();
    }

    @Test
    void an_undecided_payout_is_cancelled_at_its_deadline_and_its_reservation_released() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = request(merchant, 5_000_000, "sam");
        awaitInbox(payout);

        env.sleep(DEADLINE.plusMinutes(1));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(reminders).hasSize(1);
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(timeline(payout).getLast().note())
                .isEqualTo("Not decided before the deadline; reservation released");
    }

    @Test
    void a_failed_payment_parks_the_payout_with_its_reservation_held_until_finance_retries() {
        Merchant merchant = merchantWithBalance(10_000_000);
        payouts.saveSettings(new PayoutSettings(merchant.id(), AUTO_BELOW, "shop@example.com"));
        Payout payout = requestOnly(merchant, 500_000, "sam");
        payments.answer(
                "payout-" + payout.id(),
                PaymentResult.failed("payout-" + payout.id(), PaymentFailure.NO_ROUTE, "no route"));
        start(payout);

        awaitState(payout, PayoutState.FAILED);
        Payout failed = payouts.findById(payout.id()).orElseThrow();
        assertThat(failed.failure()).isEqualTo("NO_ROUTE");
        assertThat(failed.failureDetail()).startsWith(PaymentFailure.NO_ROUTE.message());
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ofMsat(500_000));
        awaitMails(1);
        assertThat(mail.sent)
                .singleElement()
                .satisfies(message -> assertThat(message.subject()).contains("could not be paid"));

        workflow(payout).retry(new PayoutCommand("fiona", List.of("FINANCE"), failed.revision(), null));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(payments.orders)
                .extracting(PaymentOrder::paymentId)
                .containsExactly("payout-" + payout.id(), "payout-" + payout.id() + "-attempt-2");
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
    }

    @Test
    void a_stale_cancel_is_refused_as_old_revision() {
        Merchant merchant = merchantWithBalance(500_000_000);
        Payout payout = request(merchant, TWO_ABOVE + 1, "sam");
        awaitInbox(payout);
        workflow(payout).decide(approve("fiona", FINANCE, 0));

        WorkflowUpdateException stale = assertThrows(
                WorkflowUpdateException.class,
                () -> workflow(payout).cancel(new PayoutCommand("sam", List.of("FINANCE"), 0, null)));

        assertThat(PayoutRefusals.type((ApplicationFailure) stale.getCause())).contains(PayoutFailure.OLD_REVISION);
        assertThat(PayoutRefusals.message((ApplicationFailure) stale.getCause()))
                .isEqualTo("The payout changed (revision 1, not 0); reload it");
        assertThat(workflow(payout).snapshot().status()).isEqualTo(PayoutStatus.AWAITING_APPROVAL);
    }

    @Test
    void a_failed_payout_can_be_cancelled_which_releases_the_reservation_and_is_audited() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = requestOnly(merchant, 500_000, "sam");
        payments.answer(
                "payout-" + payout.id(), PaymentResult.failed("payout-" + payout.id(), PaymentFailure.TIMEOUT, null));
        start(payout);
        awaitState(payout, PayoutState.FAILED);
        int revision = payouts.findById(payout.id()).orElseThrow().revision();

        assertThrows(
                WorkflowUpdateException.class,
                () -> workflow(payout).cancel(new PayoutCommand("fiona", List.of("FINANCE"), revision - 1, "stale")));
        workflow(payout).cancel(new PayoutCommand("fiona", List.of("FINANCE"), revision, "merchant closed"));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(10_000_000));
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where(
                                        "target_type = 'payout' and target_id = ? and action = 'payout.cancelled'",
                                        payout.id())))
                .isEqualTo(1);
    }

    @Test
    void a_payout_in_progress_cannot_be_cancelled() throws Exception {
        Merchant merchant = merchantWithBalance(10_000_000);
        payments.holdPayments();
        Payout payout = request(merchant, 500_000, "sam");
        payments.started.await();
        awaitState(payout, PayoutState.IN_PROGRESS);
        int revision = payouts.findById(payout.id()).orElseThrow().revision();

        WorkflowUpdateException refused = assertThrows(
                WorkflowUpdateException.class,
                () -> workflow(payout).cancel(new PayoutCommand("fiona", List.of("FINANCE"), revision, null)));
        payments.inFlight.countDown();

        assertThat(PayoutRefusals.type((ApplicationFailure) refused.getCause())).contains(PayoutFailure.INVALID_STATE);
        assertThat(result(payout).status()).isEqualTo(PayoutStatus.COMPLETED);
    }

    @Test
    void a_payout_awaiting_approval_can_be_cancelled_and_leaves_the_inbox() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = request(merchant, 5_000_000, "sam");
        awaitInbox(payout);

        workflow(payout).cancel(new PayoutCommand("sam", List.of("FINANCE"), 0, "typo in the amount"));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.CANCELLED);
        assertThat(approvals
                        .find("payout-" + payout.id())
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("CANCELLED");
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
    }

    @Test
    void a_failed_payout_marked_paid_completes_with_the_proof_and_pays_nothing_more() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Payout payout = requestOnly(merchant, 500_000, "sam");
        payments.answer(
                "payout-" + payout.id(), PaymentResult.failed("payout-" + payout.id(), PaymentFailure.NO_ROUTE, null));
        start(payout);
        awaitState(payout, PayoutState.FAILED);
        int revision = payouts.findById(payout.id()).orElseThrow().revision();

        workflow(payout).markPaid(new PayoutCommand("fiona", List.of("FINANCE"), revision, "bank ref 42"));

        assertThat(result(payout).status()).isEqualTo(PayoutStatus.COMPLETED);
        assertThat(payouts.findById(payout.id()).orElseThrow().proof()).isEqualTo("bank ref 42");
        assertThat(payments.orders).hasSize(1);
    }

    @Test
    void each_state_change_is_announced_to_the_stores_webhooks_as_btcpay_sends_it() {
        Merchant merchant = merchantWithBalance(10_000_000);
        Webhook webhook = webhooks.create(
                merchant.id(), new WebhookSettings("https://127.0.0.1:9/hook", "secret", true, false, true, List.of()));
        Payout payout = request(merchant, 500_000, "sam");

        awaitState(payout, PayoutState.COMPLETED);
        long until = System.currentTimeMillis() + 10_000;
        while (webhooks.listDeliveries(webhook.id(), 0, 10).size() < 4 && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }

        List<WebhookDelivery> deliveries =
                webhooks.listDeliveries(webhook.id(), 0, 10).reversed();
        assertThat(deliveries)
                .extracting(WebhookDelivery::eventType)
                .containsExactlyInAnyOrder("PayoutCreated", "PayoutApproved", "PayoutUpdated", "PayoutUpdated");
        assertThat(deliveries)
                .extracting(WebhookDelivery::requestBody)
                .anySatisfy(body -> assertThat(body)
                        .contains(
                                "\"type\":\"PayoutCreated\"",
                                "\"payoutState\":\"AwaitingApproval\"",
                                "\"payoutId\":\"" + payout.id() + "\"",
                                "\"storeId\":\"" + merchant.id() + "\""))
                .anySatisfy(body ->
                        assertThat(body).contains("\"type\":\"PayoutUpdated\"", "\"payoutState\":\"Completed\""));
    }

    // ------------------------------------------------------------------ helpers

    private Payout request(Merchant merchant, long msat, String requester) {
        Payout payout = requestOnly(merchant, msat, requester);
        start(payout);
        return payout;
    }

    private static Payout requestOnly(Merchant merchant, long msat, String requester) {
        PayoutRequestResult result = payouts.request(new NewPayout(
                merchant.id(),
                "lnbcrt-" + merchant.id() + "-" + msat + "-" + System.nanoTime(),
                PayoutDestinationKind.BOLT11,
                msat,
                10_000,
                PayoutOrigin.PORTAL,
                requester));
        assertThat(result).isInstanceOf(PayoutRequestResult.Created.class);
        return ((PayoutRequestResult.Created) result).payout();
    }

    private void start(Payout payout) {
        PayoutWorkflows.start(
                client,
                new PayoutRequest(
                        payout.id(),
                        payout.merchantId(),
                        payout.destination(),
                        payout.amountMsat(),
                        payout.feeLimitMsat(),
                        payout.requestedBy(),
                        POLICY));
    }

    private PayoutWorkflow workflow(Payout payout) {
        return PayoutWorkflows.stub(client, payout.id());
    }

    private PayoutSnapshot result(Payout payout) {
        return WorkflowStub.fromTyped(workflow(payout)).getResult(PayoutSnapshot.class);
    }

    private static void awaitInbox(Payout payout) {
        long until = System.currentTimeMillis() + 10_000;
        while (approvals.find("payout-" + payout.id()).isEmpty()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payout.id() + " never reached the inbox");
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitState(Payout payout, PayoutState state) {
        long until = System.currentTimeMillis() + 10_000;
        while (payouts.findById(payout.id()).orElseThrow().state() != state) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payout.id() + " never became " + state + "; it is "
                        + payouts.findById(payout.id()).orElseThrow().state());
            }
            Thread.onSpinWait();
        }
    }

    private void awaitMails(int count) {
        long until = System.currentTimeMillis() + 10_000;
        while (mail.sent.size() < count && System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
    }

    private static List<PayoutEvent> timeline(Payout payout) {
        return payouts.timeline(payout.id());
    }

    private static List<PayoutState> states(Payout payout) {
        return timeline(payout).stream().map(PayoutEvent::state).toList();
    }

    private static String refusal(Runnable decision) {
        WorkflowUpdateException thrown = assertThrows(WorkflowUpdateException.class, decision::run);
        assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
        return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static ApprovalDecision reject(String who, String reason, long revision) {
        return new ApprovalDecision(who, FINANCE, ApprovalVerdict.REJECT, reason, revision);
    }

    private static Merchant merchantWithBalance(long msat) {
        Merchant merchant = new MerchantRepository(database.dsl())
                .create(NewMerchant.withDefaults(
                        "Payout workflow shop " + MERCHANTS.incrementAndGet() + "-" + System.nanoTime(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(msat)))));
        return merchant;
    }

    private static Msat balance(String code) {
        return ledger.accountBalance(code).orElseThrow().balanceMsat();
    }
}
