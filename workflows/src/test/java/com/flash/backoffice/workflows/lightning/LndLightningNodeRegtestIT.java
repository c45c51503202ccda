package com.flash.backoffice.workflows.lightning;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The production LND adapter against the regtest merchant LND, paid by the customer LND over the channel. */
@ExtendWith(RegtestExtension.class)
class LndLightningNodeRegtestIT {

    private static LndLightningNode lnd;

    @BeforeAll
    static void connect(RegtestNetwork net) {
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
    }

    @AfterAll
    static void close() {
        lnd.close();
    }

    @Test
    void an_invoice_is_created_paid_and_reported_settled_by_lookup_and_subscription(RegtestNetwork net) {
        CreatedInvoice created = lnd.createInvoice(5_000_000L, "adapter test", Duration.ofMinutes(10));
        assertThat(created.bolt11()).startsWith("lnbcrt50u");
        assertThat(created.paymentHash()).matches("[0-9a-f]{64}");
        assertThat(created.addIndex()).isPositive();
        assertThat(lnd.lookup(created.paymentHash())).as("open, not settled").isEmpty();
        List<SettledInvoice> delivered = new CopyOnWriteArrayList<>();

        try (LightningSubscription subscription = lnd.subscribeSettledInvoices(0, delivered::add)) {
            net.customerPayInvoice(created.bolt11());

            RegtestNetwork.waitFor(
                    "settlement delivered",
                    Duration.ofSeconds(30),
                    () -> delivered.stream().anyMatch(s -> s.paymentHash().equals(created.paymentHash())));
            assertThat(subscription.isActive()).isTrue();
        }
        SettledInvoice settled = lnd.lookup(created.paymentHash()).orElseThrow();
        assertThat(settled.amountPaidMsat()).isEqualTo(5_000_000L);
        assertThat(settled.settleIndex()).isPositive();
    }

    @Test
    void a_subscription_replays_invoices_settled_after_its_settle_index(RegtestNetwork net) {
        CreatedInvoice first = lnd.createInvoice(1_000_000L, "first", Duration.ofMinutes(10));
        CreatedInvoice second = lnd.createInvoice(2_000_000L, "second", Duration.ofMinutes(10));
        net.customerPayInvoice(first.bolt11());
        net.customerPayInvoice(second.bolt11());
        RegtestNetwork.waitFor(
                "both settled",
                Duration.ofSeconds(30),
                () -> lnd.lookup(first.paymentHash()).isPresent()
                        && lnd.lookup(second.paymentHash()).isPresent());
        long after = lnd.lookup(first.paymentHash()).orElseThrow().settleIndex();
        List<SettledInvoice> replayed = new CopyOnWriteArrayList<>();

        try (LightningSubscription replay = lnd.subscribeSettledInvoices(after, replayed::add)) {
            RegtestNetwork.waitFor(
                    "replay after settle index " + after,
                    Duration.ofSeconds(30),
                    () -> replayed.stream().anyMatch(s -> s.paymentHash().equals(second.paymentHash())));
        }
        assertThat(replayed).noneMatch(s -> s.paymentHash().equals(first.paymentHash()));
    }

    @Test
    void an_unknown_payment_hash_is_not_settled() {
        assertThat(lnd.lookup("00".repeat(32))).isEmpty();
    }
}
