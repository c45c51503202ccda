package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.card.TapAcceptance;
import com.flash.backoffice.db.card.WithdrawalStart;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentFailure;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.testsupport.ScriptedPayments;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A tap's payment workflow with the real card activities on MariaDB and a scripted payment activity (the real one is
 * tested on regtest LND): a paid tap leaves the card's balance for good, a failed one comes back to it.
 */
class CardTapWorkflowIT {

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow =
            TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardWithdrawals withdrawals;
    private static LedgerRepository ledger;
    private static CardProgramme programme;

    private ScriptedPayments payments;
    private WorkflowClient client;
    private int counter;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_tap_workflow_it");
        cards = new CardRepository(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Workflow " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                200_000_000,
                null,
                30,
                "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void startWorkers(TestWorkflowEnvironment env, WorkflowClient client) {
        this.client = client;
        payments = new ScriptedPayments();
        CardTestWorkers.register(env, database.dsl(), payments);
        env.newWorker(PaymentActivities.TASK_QUEUE).registerActivitiesImplementations(payments);
        env.start();
    }

    @Test
    void a_paid_tap_is_booked_out_of_flashs_node_with_its_fee_and_the_card_keeps_the_rest() {
        Card card = cardWith(100_000_000);
        WithdrawalStart.Started started = start(card, 30_000_000);
        long lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());

        CardTapResult result = pay(started, "lnbcrt-merchant");

        assertThat(result)
                .isEqualTo(new CardTapResult(started.tapId(), true, 1_500, "preimage-of-" + started.paymentId(), null));
        assertThat(payments.orders)
                .containsExactly(new PaymentOrder(started.paymentId(), "lnbcrt-merchant", 30_000_000, 300_000));
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(70_000_000);
        assertThat(balance(ChartOfAccounts.cardPending(card.id()).code())).isZero();
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code())).isEqualTo(lightningBefore - 30_001_500);
        assertThat(cards.taps(card.id(), 1).getFirst().state()).isEqualTo("PAID");
    }

    @Test
    void when_the_local_payment_attempt_breaks_the_queued_payment_activity_pays_and_the_tap_is_booked_once() {
        Card card = cardWith(100_000_000);
        WithdrawalStart.Started started = start(card, 30_000_000);
        payments.throwOnFirstAttempt(started.paymentId());

        CardTapResult result = pay(started, "lnbcrt-merchant");

        assertThat(result.paid()).isTrue();
        PaymentOrder order = new PaymentOrder(started.paymentId(), "lnbcrt-merchant", 30_000_000, 300_000);
        assertThat(payments.orders).as("the local attempt, then the queued one").containsExactly(order, order);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(70_000_000);
        assertThat(balance(ChartOfAccounts.cardPending(card.id()).code())).isZero();
        assertThat(cards.taps(card.id(), 1).getFirst().state()).isEqualTo("PAID");
    }

    @Test
    void a_failed_payment_returns_the_amount_to_the_card_with_the_reason_on_the_tap() {
        Card card = cardWith(100_000_000);
        WithdrawalStart.Started started = start(card, 30_000_000);
        payments.answer(
                started.paymentId(), PaymentResult.failed(started.paymentId(), PaymentFailure.NO_ROUTE, "no route"));

        CardTapResult result = pay(started, "lnbcrt-unreachable");

        assertThat(result.paid()).isFalse();
        assertThat(result.failure()).contains("no route");
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(100_000_000);
        assertThat(cards.taps(card.id(), 1).getFirst().state()).isEqualTo("FAILED");
        assertThat(withdrawals.maxWithdrawableMsat(card.id(), Instant.now()))
                .as("the failed tap does not use up the day")
                .isEqualTo(50_000_000);
    }

    private CardTapResult pay(WithdrawalStart.Started started, String bolt11) {
        CardTapWorkflow workflow = client.newWorkflowStub(
                CardTapWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setTaskQueue(CardTapWorkflow.TASK_QUEUE)
                        .setWorkflowId(CardTapWorkflow.workflowId(started.tapId()))
                        .build());
        return workflow.pay(new CardTapOrder(
                started.tapId(), started.cardId(), started.paymentId(), bolt11, started.amountMsat(), 300_000));
    }

    private WithdrawalStart.Started start(Card card, long msat) {
        counter++;
        String k1 = ((TapAcceptance.Accepted) cards.acceptTap(card.id(), counter)).k1();
        return (WithdrawalStart.Started) withdrawals.start(k1, msat, "lnbcrt-merchant", 300_000, Instant.now());
    }

    private static Card cardWith(long msat) {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        withdrawals.creditFromLightning(card.id(), msat, "card-" + card.id() + "-top-up", "test top-up", Instant.now());
        return card;
    }

    private static long balance(String code) {
        return ledger.accountBalance(code).map(a -> a.balanceMsat().msat()).orElse(0L);
    }
}
