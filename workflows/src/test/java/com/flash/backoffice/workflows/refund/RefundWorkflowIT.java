package com.flash.backoffice.workflows.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.flash.backoffice.db.approval.ApprovalRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.refund.NewRefund;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundAmounts;
import com.flash.backoffice.db.refund.RefundEvent;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundQuoteResult;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundSource;
import com.flash.backoffice.db.refund.RefundStartResult;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.payment.DestinationKind;
import com.flash.backoffice.workflows.payment.DestinationProblem;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.payment.PaymentFailure;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.testsupport.ScriptedPayments;
import com.flash.backoffice.workflows.webhook.PayoutEventWebhooks;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The refund workflow end to end with time skipping: the real refund and approval activities on MariaDB (ledger,
 * timeline, inbox, audit, webhook deliveries, the invoice's outbox), a scripted payment activity (the real one is
 * tested on regtest LND in RefundRegtestIT).
 */
class RefundWorkflowIT {

    static final long SUPPORT_LIMIT = 5_000_000L;
    static final Duration DEADLINE = Duration.ofHours(72);
    static final Duration CLAIM_EXPIRY = Duration.ofDays(30);
    static final Set<String> FINANCE = Set.of("FINANCE");
    static final BigDecimal RATE = new BigDecimal("50000");

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(RefundWorkflowImpl.class)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static RefundRepository refunds;
    private static LedgerRepository ledger;
    private static ApprovalRepository approvals;
    private static WebhookRepository webhooks;
    private static PaidInvoices paid;

    private ScriptedPayments payments;
    private List<RefundCompleted> completed;
    private List<String> mails;
    private WorkflowClient client;
    private TestWorkflowEnvironment env;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("refund_workflow_it");
        refunds = new RefundRepository(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        approvals = new ApprovalRepository(database.dsl());
        webhooks = new WebhookRepository(database.dsl(), com.flash.backoffice.db.testsupport.TestMasterKey.seal());
        paid = new PaidInvoices(database.dsl());
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
        completed = new CopyOnWriteArrayList<>();
        mails = new CopyOnWriteArrayList<>();
        env.newWorker(RefundWorkflow.TASK_QUEUE).registerWorkflowImplementationTypes(RefundWorkflowImpl.class);
        env.newWorker(RefundWorkflow.TASK_QUEUE)
                .registerActivitiesImplementations(new RefundActivitiesImpl(
                        refunds,
                        new InvoiceRepository(database.dsl()),
                        new ExchangeRateRepository(database.dsl()),
                        new RefundWebhooks(new PayoutEventWebhooks(webhooks, client)),
                        new ByPrefixDestinations(),
                        (to, subject, text, messageId) -> mails.add(to + "\n" + subject + "\n" + text),
                        token -> "https://flash.example/refunds/claim/" + token,
                        List.of(completed::add)));
        env.newWorker(PaymentActivities.TASK_QUEUE).registerActivitiesImplementations(payments);
        env.newWorker(ApprovalActivities.TASK_QUEUE)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(database.dsl(), reminder -> {}));
        env.start();
    }

    @Test
    void support_approves_its_own_refund_within_its_limit_the_customer_claims_it_and_it_is_paid_and_booked() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice =
                paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, "{\"buyerEmail\":\"buyer@example.com\"}");
        webhooks.create(
                merchant.id(), new WebhookSettings("https://shop.example/hook", "secret", true, true, true, List.of()));
        Refund refund = start(invoice, 4_000_000, "sam", true);

        awaitState(refund, RefundState.AWAITING_CLAIM);
        assertThat(approvals.find("refund-" + refund.id())).as("no inbox row").isEmpty();
        assertThat(payable(merchant)).isEqualTo(16_000_000);
        awaitMails(1);
        assertThat(mails.getFirst())
                .startsWith("buyer@example.com\nYour refund of 0.00004000 BTC is ready to claim")
                .contains("https://flash.example/refunds/claim/" + refund.claimToken());

        workflow(refund).claim(RefundClaim.byCustomer("lnbcrt-customer-invoice"));
        RefundSnapshot end = result(refund);

        assertThat(end.state()).isEqualTo(RefundState.COMPLETED);
        assertThat(payments.orders)
                .containsExactly(
                        new PaymentOrder("refund-" + refund.id(), "lnbcrt-customer-invoice", 4_000_000, 10_000));
        assertThat(states(refund))
                .containsExactly(
                        RefundState.AWAITING_APPROVAL,
                        RefundState.AWAITING_CLAIM,
                        RefundState.IN_PROGRESS,
                        RefundState.COMPLETED);
        assertThat(timeline(refund))
                .extracting(RefundEvent::note)
                .anyMatch(note -> note.startsWith("Approved by the requester (within SUPPORT's own refund limit)"));
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(payable(merchant)).isEqualTo(16_000_000);
        assertThat(completed).singleElement().satisfies(event -> {
            assertThat(event.refundId()).isEqualTo(refund.id());
            assertThat(event.invoiceId()).isEqualTo(invoice.id());
            assertThat(event.refundedMsat()).isEqualTo(4_000_000);
            assertThat(event.invoicePaidMsat()).isEqualTo(10_000_000);
        });
        assertThat(deliveryTypes(merchant)).contains("PayoutCreated", "PayoutApproved", "PayoutUpdated");
        assertThat(new InvoiceRepository(database.dsl()).findEvents(invoice.id()))
                .filteredOn(event -> event.eventType().equals("InvoiceRefund"))
                .hasSize(2);
    }

    @Test
    void above_its_limit_finance_approves_and_neither_the_requester_nor_support_can() {
        Merchant merchant = paid.merchantWithBalance(50_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, SUPPORT_LIMIT + 1_000, "sam", true);
        awaitInbox(refund);

        assertThat(refusal(() -> workflow(refund).decide(approve("sam", FINANCE, 0))))
                .isEqualTo("You requested this, so someone else must decide it.");
        assertThat(refusal(() -> workflow(refund).decide(approve("sue", Set.of("SUPPORT"), 0))))
                .isEqualTo("Only FINANCE can decide this request (ADMIN is no substitute).");
        workflow(refund).decide(approve("fiona", FINANCE, 0));

        awaitState(refund, RefundState.AWAITING_CLAIM);
        assertThat(timeline(refund)).extracting(RefundEvent::note).contains("Approved by fiona");
        assertThat(payable(merchant)).isEqualTo(50_000_000 - SUPPORT_LIMIT - 1_000);
    }

    @Test
    void a_fiat_refund_always_goes_to_finance_and_its_amount_is_fixed_at_the_rate_of_the_approval() {
        Merchant merchant = paid.merchantWithBalance(50_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        ExchangeRateRepository rates = new ExchangeRateRepository(database.dsl());
        rates.setManually("EUR", new BigDecimal("50000"), "test", "fiona");
        RefundQuote estimate = quote(invoice, RefundVariant.FIAT, rates);
        assertThat(estimate.amountMsat()).isEqualTo(10_000_000);
        Refund refund = startQuoted(invoice, estimate, "sam", false);
        awaitInbox(refund);

        // 5 EUR paid (0.0001 BTC at 50,000); at 62,500 EUR/BTC it is 0.00008 BTC = 8,000 sat
        rates.setManually("EUR", new BigDecimal("62500"), "test", "fiona");
        workflow(refund).decide(approve("fiona", FINANCE, 0));
        awaitState(refund, RefundState.AWAITING_CLAIM);

        Refund reserved = refunds.findById(refund.id()).orElseThrow();
        assertThat(reserved.amountMsat()).isEqualTo(8_000_000);
        assertThat(reserved.amountFixed()).isTrue();
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isEqualTo(8_000_000);
        workflow(refund).claim(RefundClaim.byCustomer("lnbcrt-fiat"));
        assertThat(result(refund).state()).isEqualTo(RefundState.COMPLETED);
        assertThat(payments.orders).extracting(PaymentOrder::amountMsat).containsExactly(8_000_000L);
    }

    @Test
    void an_undecided_refund_is_cancelled_at_its_deadline_and_nothing_is_reserved() {
        Merchant merchant = paid.merchantWithBalance(50_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, SUPPORT_LIMIT + 1, "sam", true);
        awaitInbox(refund);

        env.sleep(DEADLINE.plusMinutes(1));

        assertThat(result(refund).state()).isEqualTo(RefundState.CANCELLED);
        assertThat(timeline(refund)).extracting(RefundEvent::note).contains("Not decided before the deadline");
        assertThat(payable(merchant)).isEqualTo(50_000_000);
        assertThat(refunds.refundedMsat(invoice.id())).isZero();
        assertThat(payments.orders).isEmpty();
    }

    @Test
    void an_unclaimed_refund_expires_releases_its_reservation_and_a_claim_after_that_is_refused() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, 1_000_000, "sam", true);
        awaitState(refund, RefundState.AWAITING_CLAIM);
        assertThat(payable(merchant)).isEqualTo(19_000_000);

        env.sleep(CLAIM_EXPIRY.plusMinutes(1));
        RefundSnapshot end = result(refund);

        assertThat(end.state()).isEqualTo(RefundState.EXPIRED);
        assertThat(payable(merchant)).isEqualTo(20_000_000);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(refunds.refundedMsat(invoice.id())).isZero();
        assertThat(refunds.consumeK1(refunds.findById(refund.id()).orElseThrow().k1(), java.time.Instant.now()))
                .isFalse();
        assertThrows(Exception.class, () -> workflow(refund).claim(RefundClaim.byCustomer("lnbcrt-late")));
        assertThat(payments.orders).isEmpty();
    }

    @Test
    void a_destination_given_at_the_start_is_paid_right_after_approval() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice =
                paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, "{\"buyerEmail\":\"buyer@example.com\"}");
        Refund refund = startQuoted(invoice, custom(2_000_000), "sam", true, "bcrt1qcustomer");

        assertThat(result(refund).state()).isEqualTo(RefundState.COMPLETED);
        assertThat(payments.orders)
                .containsExactly(new PaymentOrder("refund-" + refund.id(), "bcrt1qcustomer", 2_000_000, 10_000));
        assertThat(mails).as("no claim link needed").isEmpty();
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
    }

    @Test
    void a_failed_payment_returns_the_refund_to_its_claim_with_a_new_k1_and_the_next_claim_is_a_new_payment() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, 1_000_000, "sam", true);
        awaitState(refund, RefundState.AWAITING_CLAIM);
        String firstK1 = refunds.findById(refund.id()).orElseThrow().k1();
        payments.answer(
                "refund-" + refund.id(),
                PaymentResult.failed("refund-" + refund.id(), PaymentFailure.NO_ROUTE, "no route to the wallet"));

        workflow(refund).claim(RefundClaim.byCustomer("lnbcrt-first"));
        awaitStateAfter(refund, RefundState.AWAITING_CLAIM, 3);

        Refund reopened = refunds.findById(refund.id()).orElseThrow();
        assertThat(reopened.k1()).isNotEqualTo(firstK1);
        assertThat(reopened.failureDetail()).contains("no route to the wallet");
        workflow(refund).claim(RefundClaim.byCustomer("lnbcrt-second"));
        assertThat(result(refund).state()).isEqualTo(RefundState.COMPLETED);
        assertThat(payments.orders)
                .extracting(PaymentOrder::paymentId)
                .containsExactly("refund-" + refund.id(), "refund-" + refund.id() + "-attempt-2");
        assertThat(completed).hasSize(1);
    }

    @Test
    void support_cancels_a_refund_awaiting_its_claim_audited_and_a_stale_or_late_cancel_is_refused() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, 1_000_000, "sam", true);
        awaitState(refund, RefundState.AWAITING_CLAIM);

        assertThat(refusal(() -> workflow(refund).cancel(new RefundCommand("sue", List.of("SUPPORT"), 0, "x"))))
                .contains("[OLD_REVISION]");
        assertThat(refusal(() -> workflow(refund).cancel(new RefundCommand("mia", List.of("MARKETING"), 1, "x"))))
                .contains("Only SUPPORT or FINANCE");
        workflow(refund).cancel(new RefundCommand("sue", List.of("SUPPORT"), 1, "customer changed their mind"));
        assertThat(refunds.findById(refund.id()).orElseThrow().state())
                .as("the update answers once the step is written, so the page that sent it reads it back")
                .isEqualTo(RefundState.CANCELLED);

        assertThat(result(refund).state()).isEqualTo(RefundState.CANCELLED);
        assertThat(payable(merchant)).isEqualTo(20_000_000);
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where("target_id = ? and action = 'refund.cancelled'", refund.id())))
                .isEqualTo(1);
        assertThrows(
                Exception.class,
                () -> workflow(refund).cancel(new RefundCommand("sue", List.of("SUPPORT"), 2, "again")));
    }

    @Test
    void an_agent_destination_needs_support_or_finance() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, 1_000_000, "sam", true);
        awaitState(refund, RefundState.AWAITING_CLAIM);

        assertThat(refusal(
                        () -> workflow(refund).claim(new RefundClaim("mia", List.of("MARKETING"), "lnbcrt-marketing"))))
                .contains("Only SUPPORT or FINANCE");
        workflow(refund).claim(new RefundClaim("sue", List.of("SUPPORT"), "lnbcrt-agent"));

        assertThat(result(refund).state()).isEqualTo(RefundState.COMPLETED);
        assertThat(payments.orders).extracting(PaymentOrder::destination).containsExactly("lnbcrt-agent");
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where("target_id = ? and action = 'refund.in_progress'", refund.id())))
                .isEqualTo(1);
    }

    @Test
    void a_balance_spent_before_the_approval_cancels_the_refund_with_the_reason() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, SUPPORT_LIMIT + 1_000, "sam", true);
        awaitInbox(refund);
        spend(merchant, 18_000_000);

        workflow(refund).decide(approve("fiona", FINANCE, 0));

        RefundSnapshot end = result(refund);
        assertThat(end.state()).isEqualTo(RefundState.CANCELLED);
        assertThat(end.failureDetail()).contains("cannot cover the refund");
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.CANCELLED);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(payments.orders).isEmpty();
    }

    @Test
    void a_rejected_refund_is_cancelled_and_reserves_nothing() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = start(invoice, SUPPORT_LIMIT + 1_000, "sam", true);
        awaitInbox(refund);

        workflow(refund).decide(new ApprovalDecision("fiona", FINANCE, ApprovalVerdict.REJECT, "not our customer", 0));

        assertThat(result(refund).state()).isEqualTo(RefundState.CANCELLED);
        assertThat(timeline(refund))
                .extracting(RefundEvent::note)
                .contains("Rejected by fiona: not our customer", "Rejected");
        assertThat(payable(merchant)).isEqualTo(20_000_000);
    }

    // ------------------------------------------------------------------ helpers

    /** The shape of a destination by its prefix: the real classification is tested with the payment feature. */
    static final class ByPrefixDestinations implements PaymentDestinations {
        @Override
        public DestinationKind kind(String destination) {
            return destination.startsWith("bcrt1") ? DestinationKind.ONCHAIN : DestinationKind.BOLT11;
        }

        @Override
        public Optional<DestinationProblem> problem(String destination, long amountMsat) {
            return Optional.empty();
        }
    }

    private Refund start(Invoice invoice, long msat, String requester, boolean selfApproves) {
        return startQuoted(invoice, custom(msat), requester, selfApproves, null);
    }

    private Refund startQuoted(Invoice invoice, RefundQuote quote, String requester, boolean selfApproves) {
        return startQuoted(invoice, quote, requester, selfApproves, null);
    }

    private Refund startQuoted(
            Invoice invoice, RefundQuote quote, String requester, boolean selfApproves, String destination) {
        RefundStartResult result = refunds.start(new NewRefund(
                invoice.id(),
                quote,
                RefundSource.MERCHANT,
                null,
                "customer asked",
                false,
                destination,
                RefundOrigin.PORTAL,
                requester,
                10_000));
        assertThat(result).isInstanceOf(RefundStartResult.Created.class);
        Refund refund = ((RefundStartResult.Created) result).refund();
        boolean withinLimit =
                selfApproves && refund.variant() != RefundVariant.FIAT && refund.amountMsat() <= SUPPORT_LIMIT;
        RefundWorkflows.start(
                client,
                new RefundRequest(
                        refund.id(),
                        refund.invoiceId(),
                        refund.merchantId(),
                        refund.amountMsat(),
                        refund.feeLimitMsat(),
                        refund.destination(),
                        requester,
                        "Refund of invoice " + invoice.id(),
                        new ApprovalPolicy(
                                "FINANCE",
                                withinLimit ? SUPPORT_LIMIT + 1 : 0,
                                100_000_000L,
                                Duration.ofHours(4),
                                DEADLINE),
                        CLAIM_EXPIRY));
        return refund;
    }

    private static RefundQuote custom(long msat) {
        return new RefundQuote(RefundVariant.CUSTOM, msat, null, null, null, BigDecimal.ZERO, true);
    }

    private static RefundQuote quote(Invoice invoice, RefundVariant variant, ExchangeRateRepository rates) {
        RefundQuoteResult result = RefundAmounts.quote(
                invoice,
                variant,
                null,
                null,
                null,
                currency -> rates.current(currency).map(ExchangeRate::btcPrice));
        return ((RefundQuoteResult.Quoted) result).quote();
    }

    private RefundWorkflow workflow(Refund refund) {
        return RefundWorkflows.stub(client, refund.id());
    }

    private RefundSnapshot result(Refund refund) {
        return WorkflowStub.fromTyped(workflow(refund)).getResult(RefundSnapshot.class);
    }

    private static void awaitInbox(Refund refund) {
        awaitTrue(() -> approvals.find("refund-" + refund.id()).isPresent(), "the inbox row of " + refund.id());
    }

    /** In MariaDB and in the workflow: a reservation is written by its activity before the workflow moves on. */
    private void awaitState(Refund refund, RefundState state) {
        awaitTrue(
                () -> refunds.findById(refund.id()).orElseThrow().state() == state
                        && workflow(refund).snapshot().state() == state,
                refund.id() + " " + state);
    }

    private static void awaitStateAfter(Refund refund, RefundState state, int revision) {
        awaitTrue(
                () -> {
                    Refund now = refunds.findById(refund.id()).orElseThrow();
                    return now.state() == state && now.revision() >= revision;
                },
                refund.id() + " " + state + " after revision " + revision);
    }

    private void awaitMails(int count) {
        awaitTrue(() -> mails.size() >= count, count + " mails");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) {
        long until = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("never reached: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static List<RefundEvent> timeline(Refund refund) {
        return refunds.timeline(refund.id());
    }

    private static List<RefundState> states(Refund refund) {
        return timeline(refund).stream().map(RefundEvent::state).toList();
    }

    private static String refusal(Runnable command) {
        WorkflowUpdateException thrown = assertThrows(WorkflowUpdateException.class, command::run);
        assertThat(thrown.getCause()).isInstanceOf(ApplicationFailure.class);
        return ((ApplicationFailure) thrown.getCause()).getOriginalMessage();
    }

    private static ApprovalDecision approve(String who, Set<String> roles, long revision) {
        return new ApprovalDecision(who, roles, ApprovalVerdict.APPROVE, null, revision);
    }

    private static List<String> deliveryTypes(Merchant merchant) {
        return database.dsl()
                .fetch(
                        "select d.event_type from webhook_delivery d join webhook w on w.id = d.webhook_id"
                                + " where w.merchant_id = ?",
                        merchant.id())
                .getValues(0, String.class);
    }

    private static void spend(Merchant merchant, long msat) {
        ledger.post(new com.flash.backoffice.db.ledger.JournalEntry(
                "spent-" + merchant.id(),
                "paid out elsewhere",
                java.time.Instant.now(),
                List.of(
                        com.flash.backoffice.db.ledger.JournalLine.debit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(),
                                com.flash.backoffice.db.money.Msat.ofMsat(msat)),
                        com.flash.backoffice.db.ledger.JournalLine.credit(
                                ChartOfAccounts.LIGHTNING_ASSETS.code(),
                                com.flash.backoffice.db.money.Msat.ofMsat(msat)))));
    }

    private static long payable(Merchant merchant) {
        return ledger.merchantBalances(merchant.id()).payable().msat();
    }

    private static long balance(String code) {
        return ledger.accountBalance(code)
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }
}
