package com.flash.backoffice.workflows.payout;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payment.PaymentState;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.payment.KillPointLightningNode;
import com.flash.backoffice.workflows.payment.KillPoints;
import com.flash.backoffice.workflows.payment.KillWorkerMain;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Temporal server restarted while payouts are being paid (a payment in flight on the regtest LNDs): the worker
 * keeps running, reconnects, and every payout completes, each invoice paid once and each completion booked once.
 */
@ExtendWith(RegtestExtension.class)
class PayoutTemporalRestartRegtestIT {

    private static final int PAYOUTS = 6;
    private static final Duration DOWN = Duration.ofSeconds(5);
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    @Test
    void payouts_under_way_when_the_temporal_server_restarts_complete_once_after_it(RegtestNetwork net)
            throws Exception {
        TestDatabase database = TestDatabase.migrated("payout_temporal_restart_it");
        PayoutRepository payouts = new PayoutRepository(database.dsl());
        PaymentRepository payments = new PaymentRepository(database.dsl());
        LedgerRepository ledger = new LedgerRepository(database.dsl());
        TemporalCliServer temporal = TemporalCliServer.start(dir.resolve("temporal.db"));
        WorkflowServiceStubs service = temporal.newServiceStubs();
        WorkflowClient client = TemporalCliServer.client(service);
        LndLightningNode lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
        WorkerFactory workers = WorkerFactory.newInstance(client);
        KillPoints noKills = new KillPoints(null, System.out);
        PayoutKillWorker.register(
                workers,
                new KillWorkerMain.Connections(database.dsl(), client, new KillPointLightningNode(lnd, noKills)),
                noKills);
        workers.start();
        net.customerPayInvoice(net.merchantAddInvoice(
                        PayoutKillRegtestIT.LIQUIDITY_MSAT, "outbound liquidity for the Temporal restart test")
                .getPaymentRequest());
        Merchant merchant =
                PayoutKillRegtestIT.merchantWithBalance(database, ledger, PayoutKillRegtestIT.LIQUIDITY_MSAT / 2);
        List<PayoutKillRegtestIT.PayoutToCustomer> requested = new ArrayList<>();
        try {
            for (int i = 0; i < PAYOUTS; i++) {
                requested.add(PayoutKillRegtestIT.requestAndStart(net, client, payouts, merchant, i));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && !anyInFlight(payments, requested)) {
                Thread.sleep(20);
            }
            boolean inFlight = anyInFlight(payments, requested);
            temporal.stop();
            long unfinished = requested.stream()
                    .filter(p -> payouts.findById(p.payout().id()).orElseThrow().state() != PayoutState.COMPLETED)
                    .count();
            Thread.sleep(DOWN.toMillis());
            long restarting = System.nanoTime();
            temporal.restart();

            Map<String, PayoutSnapshot> ends = new HashMap<>();
            for (PayoutKillRegtestIT.PayoutToCustomer payout : requested) {
                ends.put(
                        payout.payout().id(),
                        WorkflowStub.fromTyped(PayoutWorkflows.stub(
                                        client, payout.payout().id()))
                                .getResult(COMPLETION_TIMEOUT.toSeconds(), TimeUnit.SECONDS, PayoutSnapshot.class));
            }
            System.out.printf(
                    "Temporal server down %d s with a payment in flight (%s) and %d of %d payouts unfinished:"
                            + " all completed %d ms after the restart%n",
                    DOWN.toSeconds(), inFlight, unfinished, PAYOUTS, (System.nanoTime() - restarting) / 1_000_000);

            assertThat(inFlight)
                    .as("a payment was in flight when the server stopped")
                    .isTrue();
            assertThat(unfinished).as("payouts were under way").isPositive();
            PayoutKillRegtestIT.assertPaidExactlyOnce(net, database, payouts, requested, ends);
            assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
            service.shutdownNow();
            temporal.stop();
            net.giveBackToCustomer(
                    PayoutKillRegtestIT.LIQUIDITY_MSAT
                            - requested.stream()
                                    .mapToLong(payout -> payout.payout().amountMsat())
                                    .sum(),
                    "liquidity back from the Temporal restart test");
            database.close();
        }
    }

    private static boolean anyInFlight(PaymentRepository payments, List<PayoutKillRegtestIT.PayoutToCustomer> all) {
        return all.stream()
                .anyMatch(
                        p -> payments.find(PayoutWorkflow.workflowId(p.payout().id()))
                                .map(payment -> payment.status() == PaymentState.IN_FLIGHT)
                                .orElse(false));
    }
}
