package com.flash.backoffice.workflows.card;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
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
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payment.PaymentState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.payment.KillRounds;
import com.flash.backoffice.workflows.payment.KillStep;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.payment.PaidOnce;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.Invoice;

/**
 * Exactly once under crashes, for a card tap: its payment runs as a local activity inside the tap workflow's task, so
 * a dead worker is noticed when that task times out and the next worker runs the task again from the start. Taps are
 * paid by a worker in a JVM of its own, on a real Temporal server, the real database and the regtest LNDs, and that
 * worker is SIGKILLed at each step of the payment in turn ({@link KillStep}; the last one as the tap is booked Paid);
 * a new worker takes over each time. At the end every tap is Paid, the paying LND paid each invoice once, each invoice
 * was settled once with its amount, and the ledger booked each tap's payment once.
 */
@ExtendWith(RegtestExtension.class)
class CardTapKillRegtestIT {

    private static final int ROUNDS = 5;
    private static final int TAPS_PER_ROUND = 2;
    private static final long LIQUIDITY_MSAT = 100_000_000L;
    private static final long TAP_MSAT = 2_000_000L;
    private static final long FEE_LIMIT_MSAT = 10_000L;
    private static final Duration WORKFLOW_TASK_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(2);

    private record TapToCustomer(WithdrawalStart.Started tap, AddInvoiceResponse invoice) {}

    @Test
    void every_tap_is_paid_and_booked_exactly_once_while_its_worker_is_sigkilled_at_every_step(RegtestNetwork net)
            throws Exception {
        TestDatabase database = TestDatabase.migrated("card_tap_kill_it");
        CardRepository cards = new CardRepository(database.dsl());
        CardWithdrawals withdrawals = new CardWithdrawals(database.dsl());
        TemporalCliServer temporal = TemporalCliServer.shared();
        WorkflowServiceStubs service = temporal.newServiceStubs();
        WorkflowClient client = TemporalCliServer.client(service);
        net.customerPayInvoice(net.merchantAddInvoice(LIQUIDITY_MSAT, "outbound liquidity for the tap kill test")
                .getPaymentRequest());
        long funded = ROUNDS * TAPS_PER_ROUND * (TAP_MSAT + ROUNDS * TAPS_PER_ROUND);
        Card card = activeCard(cards, withdrawals, funded);
        Map<String, String> environment = KillWorkerMain.environment(temporal, database, net);
        Path logs = Files.createTempDirectory("flash-card-kill-test-");

        List<TapToCustomer> taps = new ArrayList<>();
        KillRounds.Outcome rounds =
                KillRounds.run(CardTapKillWorker.class, environment, logs, ROUNDS, "card-tap-", () -> {
                    for (int i = 0; i < TAPS_PER_ROUND; i++) {
                        taps.add(tapAndStart(net, client, cards, withdrawals, card, taps.size()));
                    }
                });
        try {
            Map<Long, CardTapResult> ends = new java.util.HashMap<>();
            for (TapToCustomer tap : taps) {
                ends.put(
                        tap.tap().tapId(),
                        client.newUntypedWorkflowStub(
                                        CardTapWorkflow.workflowId(tap.tap().tapId()))
                                .getResult(COMPLETION_TIMEOUT.toSeconds(), TimeUnit.SECONDS, CardTapResult.class));
            }
            rounds.finisher().stop();
            System.out.printf("[card-kill-test] %s; taps=%d; logs %s%n", rounds.summary(), taps.size(), logs);

            assertThat(rounds.kills())
                    .hasSize(KillStep.values().length)
                    .allSatisfy((step, count) ->
                            assertThat(count).as("kills at %s", step).isEqualTo(ROUNDS));
            assertThat(rounds.resends())
                    .as("sends of a payment the node had already")
                    .isEmpty();
            assertPaidAndBookedOnce(net, database, cards, taps, ends);
            long spent = taps.stream().mapToLong(tap -> tap.tap().amountMsat()).sum();
            assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(funded - spent);
            assertThat(new LedgerRepository(database.dsl())
                            .accountBalance(
                                    ChartOfAccounts.cardPending(card.id()).code())
                            .orElseThrow()
                            .balanceMsat()
                            .msat())
                    .as("nothing left reserved")
                    .isZero();
        } finally {
            KillRounds.killAll(rounds.launched());
            net.giveBackToCustomer(
                    LIQUIDITY_MSAT
                            - taps.stream()
                                    .mapToLong(tap -> tap.tap().amountMsat())
                                    .sum(),
                    "liquidity back from the tap kill test");
            service.shutdownNow();
            database.close();
        }
    }

    private static void assertPaidAndBookedOnce(
            RegtestNetwork net,
            TestDatabase database,
            CardRepository cards,
            List<TapToCustomer> taps,
            Map<Long, CardTapResult> ends)
            throws Exception {
        PaidOnce nodes = PaidOnce.between(net.merchant(), net.customer());
        PaymentRepository payments = new PaymentRepository(database.dsl());
        Map<Long, String> states = cards.taps(taps.getFirst().tap().cardId(), 1_000).stream()
                .collect(Collectors.toMap(
                        com.flash.backoffice.db.card.CardTap::id, com.flash.backoffice.db.card.CardTap::state));
        for (TapToCustomer tap : taps) {
            long id = tap.tap().tapId();
            assertThat(ends.get(id).paid()).as("tap %d paid", id).isTrue();
            assertThat(states.get(id)).as("tap %d", id).isEqualTo("PAID");
            assertThat(payments.find(tap.tap().paymentId()).orElseThrow().status())
                    .isEqualTo(PaymentState.SUCCEEDED);
            nodes.assertPaidOnce(tap.invoice().getRHash(), tap.tap().amountMsat(), "tap " + id);
            assertThat(database.dsl()
                            .fetchCount(
                                    LEDGER_ENTRY,
                                    LEDGER_ENTRY.SOURCE_KEY.eq(tap.tap().paymentId() + "-paid")))
                    .as("ledger bookings of tap %d's payment", id)
                    .isEqualTo(1);
        }
    }

    /** A tap as its callback leaves it: the k1 taken, the amount reserved, its payment workflow started. */
    private static TapToCustomer tapAndStart(
            RegtestNetwork net,
            WorkflowClient client,
            CardRepository cards,
            CardWithdrawals withdrawals,
            Card card,
            int number)
            throws Exception {
        long amountMsat = TAP_MSAT + number;
        Invoice request = new Invoice();
        request.setValueMsat(amountMsat);
        request.setExpiry(3_600);
        AddInvoiceResponse invoice = net.customer().api().addInvoice(request);
        String k1 = ((TapAcceptance.Accepted) cards.acceptTap(card.id(), number + 1)).k1();
        WithdrawalStart.Started started = (WithdrawalStart.Started)
                withdrawals.start(k1, amountMsat, invoice.getPaymentRequest(), FEE_LIMIT_MSAT, Instant.now());
        CardTapWorkflow workflow = client.newWorkflowStub(
                CardTapWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(CardTapWorkflow.workflowId(started.tapId()))
                        .setTaskQueue(CardTapWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setWorkflowTaskTimeout(WORKFLOW_TASK_TIMEOUT)
                        .build());
        WorkflowClient.start(
                workflow::pay,
                new CardTapOrder(
                        started.tapId(),
                        started.cardId(),
                        started.paymentId(),
                        invoice.getPaymentRequest(),
                        started.amountMsat(),
                        FEE_LIMIT_MSAT));
        return new TapToCustomer(started, invoice);
    }

    private static Card activeCard(CardRepository cards, CardWithdrawals withdrawals, long msat) {
        CardProgramme programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Kill test " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                1_000_000_000,
                null,
                30,
                "fiona"));
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        withdrawals.creditFromLightning(
                card.id(), msat, "card-" + card.id() + "-kill-test-top-up", "kill test top-up", Instant.now());
        return card;
    }
}
