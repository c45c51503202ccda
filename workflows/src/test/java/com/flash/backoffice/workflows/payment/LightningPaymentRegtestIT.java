package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.payment.NewPayment;
import com.flash.backoffice.db.payment.Payment;
import com.flash.backoffice.db.payment.PaymentKind;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payment.PaymentState;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import io.grpc.stub.StreamObserver;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.invoices.SynchronousInvoicesAPI;
import org.lightningj.lnd.wrapper.invoices.message.AddHoldInvoiceRequest;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.ListPaymentsRequest;
import org.lightningj.lnd.wrapper.router.AsynchronousRouterAPI;
import org.lightningj.lnd.wrapper.router.SynchronousRouterAPI;
import org.lightningj.lnd.wrapper.router.message.SendPaymentRequest;

/**
 * Flash pays out over Lightning through the payment activity, exactly once, on real LNDs: Flash's node is the
 * regtest merchant, which first receives 2,000,000 sat from the customer (outbound liquidity), then pays the
 * customer's invoices. The activity runs in Temporal's activity test environment (real heartbeats, real failures).
 */
@ExtendWith(RegtestExtension.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LightningPaymentRegtestIT {

    private static final long LIQUIDITY_MSAT = 2_000_000_000L;
    private static final long FEE_LIMIT_MSAT = 10_000L;

    private static TestDatabase database;
    private static PaymentRepository payments;
    private static LndLightningNode lnd;
    private static CountingLightningNode node;
    private static TestActivityEnvironment environment;
    private static PaymentActivities activities;

    @BeforeAll
    static void start(RegtestNetwork net) {
        database = TestDatabase.migrated("lightning_payment_it");
        payments = new PaymentRepository(database.dsl());
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
        node = new CountingLightningNode(lnd);
        PaymentDestinations destinations = new NodePaymentDestinations(node, ChainNetwork.REGTEST, Clock.systemUTC());
        PaymentProperties properties = new PaymentProperties(Duration.ofSeconds(30), Duration.ofSeconds(2));
        PaymentActivitiesImpl impl = new PaymentActivitiesImpl(
                payments,
                destinations,
                new LightningPayments(node, payments, destinations, lnurlThroughFlashsNode(), properties),
                (payment, heartbeat) -> {
                    throw new AssertionError("this suite pays no on-chain destination: " + payment.paymentId());
                });
        environment = TestActivityEnvironment.newInstance();
        environment.registerActivitiesImplementations(impl);
        activities = environment.newActivityStub(
                PaymentActivities.class,
                ActivityOptions.newBuilder(PaymentWorker.activityOptions())
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build());

        AddInvoiceResponse liquidity = net.merchantAddInvoice(LIQUIDITY_MSAT, "outbound liquidity for payouts");
        net.customerPayInvoice(liquidity.getPaymentRequest());
    }

    @AfterAll
    static void stop() {
        environment.close();
        lnd.close();
        database.close();
    }

    @Test
    void a_payout_to_a_customer_invoice_succeeds_with_its_fee_and_the_preimage_of_the_hash(RegtestNetwork net)
            throws Exception {
        AddInvoiceResponse invoice = customerInvoice(net, 100_000_000L);

        PaymentResult result = activities.pay(
                new PaymentOrder("payout-ok", invoice.getPaymentRequest(), 100_000_000L, FEE_LIMIT_MSAT));

        assertThat(result.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(result.feeMsat()).as("a direct channel costs no routing fee").isZero();
        assertThat(sha256(result.proof())).isEqualTo(hex(invoice.getRHash()));
        Payment stored = payments.find("payout-ok").orElseThrow();
        assertThat(stored.status()).isEqualTo(PaymentState.SUCCEEDED);
        assertThat(stored.paymentHash()).isEqualTo(hex(invoice.getRHash()));
        assertThat(stored.proof()).isEqualTo(result.proof());
        assertThat(customerInvoiceState(net, invoice)).isEqualTo(Invoice.InvoiceState.SETTLED);
    }

    @Test
    void paying_twice_with_the_same_id_sends_once_and_returns_the_stored_result(RegtestNetwork net) throws Exception {
        AddInvoiceResponse invoice = customerInvoice(net, 50_000_000L);
        PaymentOrder order = new PaymentOrder("payout-twice", invoice.getPaymentRequest(), 50_000_000L, FEE_LIMIT_MSAT);

        PaymentResult first = activities.pay(order);
        PaymentResult second = activities.pay(order);

        assertThat(first.succeeded()).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(node.sends(invoice.getPaymentRequest())).isEqualTo(1);
        assertThat(merchantPaymentsTo(net, hex(invoice.getRHash()))).isEqualTo(1);
        Invoice settled = net.customer().api().lookupInvoice(null, invoice.getRHash());
        assertThat(settled.getState()).isEqualTo(Invoice.InvoiceState.SETTLED);
        assertThat(settled.getAmtPaidMsat()).as("settled once").isEqualTo(50_000_000L);
    }

    @Test
    void after_a_crash_once_the_node_accepted_the_payment_a_retry_tracks_it_and_never_sends(RegtestNetwork net)
            throws Exception {
        AddInvoiceResponse invoice = customerInvoice(net, 30_000_000L);
        String hash = hex(invoice.getRHash());
        // the first attempt: intent and hash stored, then the worker died right after LND took the payment
        payments.recordIntent(
                new NewPayment("payout-crash", PaymentKind.BOLT11, invoice.getPaymentRequest(), 30_000_000L, 10_000));
        payments.attachInvoice("payout-crash", invoice.getPaymentRequest(), hash);
        sendDirectly(net, invoice.getPaymentRequest());

        PaymentResult result = activities.pay(
                new PaymentOrder("payout-crash", invoice.getPaymentRequest(), 30_000_000L, FEE_LIMIT_MSAT));

        assertThat(result.status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(sha256(result.proof())).isEqualTo(hash);
        assertThat(node.sends(invoice.getPaymentRequest()))
                .as("the retry only tracked")
                .isZero();
        assertThat(merchantPaymentsTo(net, hash)).isEqualTo(1);
        assertThat(net.customer().api().lookupInvoice(null, invoice.getRHash()).getAmtPaidMsat())
                .isEqualTo(30_000_000L);
    }

    @Test
    void an_amount_above_flashs_side_of_the_channel_fails_with_the_nodes_reason(RegtestNetwork net) throws Exception {
        long aboveOutbound = 4_000_000_000L;
        AddInvoiceResponse invoice = customerInvoice(net, aboveOutbound);

        PaymentResult result = activities.pay(
                new PaymentOrder("payout-too-big", invoice.getPaymentRequest(), aboveOutbound, FEE_LIMIT_MSAT));

        assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(result.failure()).isEqualTo(PaymentFailure.INSUFFICIENT_BALANCE);
        assertThat(result.detail()).isEqualTo("FAILURE_REASON_INSUFFICIENT_BALANCE");
        assertThat(payments.find("payout-too-big").orElseThrow().failure()).isEqualTo("INSUFFICIENT_BALANCE");
        assertThat(customerInvoiceState(net, invoice)).isEqualTo(Invoice.InvoiceState.OPEN);
    }

    @Test
    void an_invoice_the_customer_cancelled_fails_as_incorrect_details(RegtestNetwork net) throws Exception {
        AddInvoiceResponse invoice = customerInvoice(net, 20_000_000L);
        SynchronousInvoicesAPI invoices = customerInvoicesApi(net);
        try {
            invoices.cancelInvoice(invoice.getRHash());
        } finally {
            invoices.close();
        }

        PaymentResult result = activities.pay(
                new PaymentOrder("payout-cancelled", invoice.getPaymentRequest(), 20_000_000L, FEE_LIMIT_MSAT));

        assertThat(result.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(result.failure()).isEqualTo(PaymentFailure.INCORRECT_DETAILS);
        assertThat(result.detail()).isEqualTo("FAILURE_REASON_INCORRECT_PAYMENT_DETAILS");
    }

    @Test
    void an_order_reusing_an_id_with_another_destination_is_refused_and_the_first_stands(RegtestNetwork net)
            throws Exception {
        AddInvoiceResponse first = customerInvoice(net, 10_000_000L);
        AddInvoiceResponse other = customerInvoice(net, 10_000_000L);
        PaymentResult paid = activities.pay(
                new PaymentOrder("payout-reused", first.getPaymentRequest(), 10_000_000L, FEE_LIMIT_MSAT));

        assertThatThrownBy(() -> activities.pay(
                        new PaymentOrder("payout-reused", other.getPaymentRequest(), 10_000_000L, FEE_LIMIT_MSAT)))
                .isInstanceOf(ActivityFailure.class)
                .cause()
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(e ->
                        assertThat(((ApplicationFailure) e).getType()).isEqualTo(PaymentActivities.CONFLICTING_ORDER));
        assertThat(paid.succeeded()).isTrue();
        assertThat(node.sends(other.getPaymentRequest())).isZero();
        assertThat(customerInvoiceState(net, other)).isEqualTo(Invoice.InvoiceState.OPEN);
    }

    @Test
    void a_second_payment_id_for_an_invoice_already_paid_is_refused_without_sending(RegtestNetwork net)
            throws Exception {
        AddInvoiceResponse invoice = customerInvoice(net, 10_000_000L);
        activities.pay(new PaymentOrder("payout-first-of-two", invoice.getPaymentRequest(), 10_000_000L, 0));

        PaymentResult second =
                activities.pay(new PaymentOrder("payout-second-of-two", invoice.getPaymentRequest(), 10_000_000L, 0));

        assertThat(second.failure()).isEqualTo(PaymentFailure.INVALID_DESTINATION);
        assertThat(second.detail()).contains("is paid by payout-first-of-two already");
        assertThat(node.sends(invoice.getPaymentRequest())).isEqualTo(1);
    }

    @Test
    void flashs_own_invoice_is_refused_and_nothing_is_recorded(RegtestNetwork net) {
        String own = net.merchantAddInvoice(10_000_000L, "own").getPaymentRequest();

        PaymentResult result = activities.pay(new PaymentOrder("payout-own", own, 10_000_000L, FEE_LIMIT_MSAT));

        assertThat(result.failure()).isEqualTo(PaymentFailure.INVALID_DESTINATION);
        assertThat(result.detail()).contains("pays one of Flash's own invoices");
        assertThat(payments.find("payout-own")).isEmpty();
        assertThat(node.sends(own)).isZero();
    }

    /** As production resolves: plain HTTP only to the local LUD-16 service, invoices decoded by Flash's node. */
    private static DestinationResolver lnurlThroughFlashsNode() {
        return new LnurlDestinationResolver(new LnurlPayResolver(
                new LnurlPayProperties(Duration.ofSeconds(5), Duration.ofSeconds(20), null, List.of("127.0.0.1")),
                bolt11 -> {
                    var invoice = lnd.decode(bolt11);
                    return new DecodedBolt11(invoice.amountMsat(), invoice.descriptionHash());
                }));
    }

    @Test
    void a_lightning_address_is_resolved_through_its_lnurl_service_to_the_customers_invoice_and_paid_once(
            RegtestNetwork net) throws Exception {
        String metadata = "[[\"text/plain\",\"Payout to customer\"],[\"text/identifier\",\"customer@127.0.0.1\"]]";
        var customer = net.customer().newApi();
        List<String> issued = new CopyOnWriteArrayList<>();
        try (LnurlTestService service = new LnurlTestService()) {
            service.payRequest("/.well-known/lnurlp/customer", 1_000, 100_000_000, metadata, (amountMsat, hashHex) -> {
                Invoice invoice = new Invoice();
                invoice.setValueMsat(amountMsat);
                invoice.setDescriptionHash(HexFormat.of().parseHex(hashHex));
                try {
                    String bolt11 = customer.addInvoice(invoice).getPaymentRequest();
                    issued.add(bolt11);
                    return bolt11;
                } catch (Exception e) {
                    throw new IllegalStateException("customer AddInvoice failed", e);
                }
            });
            PaymentOrder order =
                    new PaymentOrder("payout-address", service.address("customer"), 21_000L, FEE_LIMIT_MSAT);

            PaymentResult first = activities.pay(order);
            PaymentResult again = activities.pay(order);

            assertThat(first.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(again).isEqualTo(first);
            assertThat(issued).hasSize(1);
            Payment stored = payments.find("payout-address").orElseThrow();
            assertThat(stored.bolt11()).isEqualTo(issued.getFirst());
            assertThat(node.sends(issued.getFirst())).isEqualTo(1);
            assertThat(sha256(first.proof())).isEqualTo(stored.paymentHash());
        } finally {
            customer.close();
        }
    }

    @Test
    void a_payment_in_flight_when_the_worker_died_is_tracked_with_heartbeats_until_it_settles(RegtestNetwork net)
            throws Exception {
        payHeldInvoice(net, "payout-held-crashed", true);
    }

    @Test
    void a_payment_held_by_the_receiver_is_sent_once_and_tracked_with_heartbeats_until_it_settles(RegtestNetwork net)
            throws Exception {
        payHeldInvoice(net, "payout-held", false);
    }

    /**
     * The customer holds the HTLC of a hold invoice until the test releases the preimage, so the payment stays in
     * flight meanwhile. With {@code crashedAfterSending}, the first attempt stored intent and hash and LND took the
     * payment, then the worker died: the activity is the retry.
     */
    private static void payHeldInvoice(RegtestNetwork net, String paymentId, boolean crashedAfterSending)
            throws Exception {
        byte[] preimage = MessageDigest.getInstance("SHA-256").digest(paymentId.getBytes(StandardCharsets.UTF_8));
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(preimage);
        SynchronousInvoicesAPI invoices = customerInvoicesApi(net);
        List<String> heartbeats = new CopyOnWriteArrayList<>();
        environment.setActivityHeartbeatListener(String.class, heartbeats::add);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            AddHoldInvoiceRequest hold = new AddHoldInvoiceRequest();
            hold.setHash(hash);
            hold.setValueMsat(40_000_000L);
            hold.setExpiry(600);
            String bolt11 = invoices.addHoldInvoice(hold).getPaymentRequest();
            if (crashedAfterSending) {
                payments.recordIntent(new NewPayment(paymentId, PaymentKind.BOLT11, bolt11, 40_000_000L, 10_000));
                payments.attachInvoice(paymentId, bolt11, hex(hash));
                AsynchronousRouterAPI direct = startDirectly(net, bolt11);
                waitUntilHeld(net, hash);
                direct.close();
            }

            Future<PaymentResult> paying = worker.submit(
                    () -> activities.pay(new PaymentOrder(paymentId, bolt11, 40_000_000L, FEE_LIMIT_MSAT)));
            waitUntilHeld(net, hash);
            RegtestNetwork.waitFor("heartbeats while in flight", Duration.ofSeconds(30), () -> heartbeats.size() >= 2);
            assertThat(paying).isNotDone();
            assertThat(payments.find(paymentId).orElseThrow().status())
                    .isIn(PaymentState.RECORDED, PaymentState.IN_FLIGHT);
            invoices.settleInvoice(preimage);
            PaymentResult result = paying.get(60, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(PaymentStatus.SUCCEEDED);
            assertThat(result.proof()).isEqualTo(hex(preimage));
            assertThat(heartbeats).containsOnly(hex(hash));
            assertThat(node.sends(bolt11)).isEqualTo(crashedAfterSending ? 0 : 1);
            assertThat(merchantPaymentsTo(net, hex(hash))).isEqualTo(1);
            assertThat(payments.find(paymentId).orElseThrow().status()).isEqualTo(PaymentState.SUCCEEDED);
        } finally {
            worker.shutdownNow();
            invoices.close();
        }
    }

    private static void waitUntilHeld(RegtestNetwork net, byte[] hash) {
        RegtestNetwork.waitFor(
                "the customer holds the HTLC",
                Duration.ofSeconds(30),
                () -> net.customer().api().lookupInvoice(null, hash).getState() == Invoice.InvoiceState.ACCEPTED);
    }

    private static SynchronousInvoicesAPI customerInvoicesApi(RegtestNetwork net) throws Exception {
        return new SynchronousInvoicesAPI(
                net.customer().host(),
                net.customer().grpcPort(),
                net.customer().tlsCert().toFile(),
                net.customer().adminMacaroon().toFile());
    }

    /**
     * The merchant LND starts paying {@code bolt11} outside the activity; the caller closes the returned connection
     * (the worker "dies") and LND goes on paying. Asynchronous: lightningj's synchronous streams read to the end.
     */
    private static AsynchronousRouterAPI startDirectly(RegtestNetwork net, String bolt11) throws Exception {
        AsynchronousRouterAPI router = new AsynchronousRouterAPI(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert().toFile(),
                net.merchant().adminMacaroon().toFile());
        SendPaymentRequest request = new SendPaymentRequest();
        request.setPaymentRequest(bolt11);
        request.setFeeLimitMsat(FEE_LIMIT_MSAT);
        request.setTimeoutSeconds(30);
        router.sendPaymentV2(request, new StreamObserver<>() {
            @Override
            public void onNext(org.lightningj.lnd.wrapper.message.Payment payment) {}

            @Override
            public void onError(Throwable error) {}

            @Override
            public void onCompleted() {}
        });
        return router;
    }

    private static AddInvoiceResponse customerInvoice(RegtestNetwork net, long msat) throws Exception {
        Invoice request = new Invoice();
        request.setValueMsat(msat);
        request.setExpiry(600);
        return net.customer().api().addInvoice(request);
    }

    private static Invoice.InvoiceState customerInvoiceState(RegtestNetwork net, AddInvoiceResponse invoice)
            throws Exception {
        return net.customer().api().lookupInvoice(null, invoice.getRHash()).getState();
    }

    private static long merchantPaymentsTo(RegtestNetwork net, String hash) throws Exception {
        ListPaymentsRequest request = new ListPaymentsRequest();
        request.setIncludeIncomplete(true);
        request.setMaxPayments(10_000L);
        return net.merchant().api().listPayments(request).getPayments().stream()
                .filter(p -> p.getPaymentHash().equals(hash))
                .count();
    }

    /** The merchant LND pays {@code bolt11} through its router, outside the activity, until it succeeded. */
    private static void sendDirectly(RegtestNetwork net, String bolt11) throws Exception {
        SynchronousRouterAPI router = new SynchronousRouterAPI(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert().toFile(),
                net.merchant().adminMacaroon().toFile());
        try {
            SendPaymentRequest request = new SendPaymentRequest();
            request.setPaymentRequest(bolt11);
            request.setFeeLimitMsat(FEE_LIMIT_MSAT);
            request.setTimeoutSeconds(30);
            Iterator<org.lightningj.lnd.wrapper.message.Payment> updates = router.sendPaymentV2(request);
            org.lightningj.lnd.wrapper.message.Payment last = null;
            while (updates.hasNext()) {
                last = updates.next();
                if (last.getStatus() == org.lightningj.lnd.wrapper.message.Payment.PaymentStatus.SUCCEEDED) {
                    return;
                }
            }
            throw new IllegalStateException("the direct payment did not succeed: " + last);
        } finally {
            router.close();
        }
    }

    private static String sha256(String preimageHex) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(preimageHex)));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
