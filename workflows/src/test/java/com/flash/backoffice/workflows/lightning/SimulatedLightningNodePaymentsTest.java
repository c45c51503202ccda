package com.flash.backoffice.workflows.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The development node's outgoing payments: what the payment feature sees when no real node is configured. */
class SimulatedLightningNodePaymentsTest {

    private static final Duration WAIT = Duration.ofSeconds(1);

    private final SimulatedLightningNode node = new SimulatedLightningNode(Clock.systemUTC(), ChainNetwork.REGTEST);

    @Test
    void a_foreign_invoice_is_paid_once_with_the_preimage_of_its_hash() throws Exception {
        String bolt11 = node.foreignInvoice(5_000, Duration.ofMinutes(5));
        DecodedInvoice invoice = node.decode(bolt11);
        assertThat(node.trackPayment(invoice.paymentHash(), WAIT)).isEmpty();

        LightningPayment paid = node.sendPayment(new OutgoingPayment(bolt11, 0, 100, Duration.ofSeconds(30)), WAIT);
        LightningPayment again = node.sendPayment(new OutgoingPayment(bolt11, 0, 100, Duration.ofSeconds(30)), WAIT);

        assertThat(paid.status()).isEqualTo(LightningPaymentStatus.SUCCEEDED);
        assertThat(paid.amountMsat()).isEqualTo(5_000);
        assertThat(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256")
                                .digest(HexFormat.of().parseHex(paid.preimage()))))
                .isEqualTo(invoice.paymentHash());
        assertThat(again).isEqualTo(paid);
        assertThat(node.trackPayment(invoice.paymentHash(), WAIT)).contains(paid);
        assertThat(invoice.destination()).isNotEqualTo(node.identityPubkey());
    }

    @Test
    void another_simulated_node_decodes_and_pays_a_foreign_invoice_as_another_instance_of_the_application_would() {
        String bolt11 = node.foreignInvoice(5_000, Duration.ofMinutes(5));
        SimulatedLightningNode other = new SimulatedLightningNode(Clock.systemUTC(), ChainNetwork.REGTEST);

        DecodedInvoice decoded = other.decode(bolt11);
        LightningPayment paid = other.sendPayment(new OutgoingPayment(bolt11, 0, 100, Duration.ofSeconds(30)), WAIT);

        assertThat(decoded).isEqualTo(node.decode(bolt11));
        assertThat(paid.status()).isEqualTo(LightningPaymentStatus.SUCCEEDED);
        assertThat(paid.paymentHash()).isEqualTo(decoded.paymentHash());
    }

    @Test
    void a_zero_amount_invoice_is_paid_the_amount_given_and_refused_without_one() {
        String bolt11 = node.foreignInvoice(0, Duration.ofMinutes(5));

        LightningPayment without = node.sendPayment(new OutgoingPayment(bolt11, 0, 0, Duration.ofSeconds(30)), WAIT);
        LightningPayment with = node.sendPayment(new OutgoingPayment(bolt11, 7_000, 0, Duration.ofSeconds(30)), WAIT);

        assertThat(without.status()).isEqualTo(LightningPaymentStatus.FAILED);
        assertThat(without.failureReason()).isEqualTo(LightningFailureReason.ERROR);
        assertThat(with.status()).isEqualTo(LightningPaymentStatus.SUCCEEDED);
        assertThat(with.amountMsat()).isEqualTo(7_000);
    }

    @Test
    void an_expired_invoice_fails_as_incorrect_details_and_its_own_invoice_is_never_paid() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        SimulatedLightningNode earlier = new SimulatedLightningNode(past, ChainNetwork.REGTEST);
        String expired = earlier.foreignInvoice(5_000, Duration.ofMinutes(1));
        SimulatedLightningNode now = node;
        String own = now.createInvoice(5_000, "own", Duration.ofMinutes(5)).bolt11();

        assertThat(earlier.decode(expired).expiredAt(Instant.now())).isTrue();
        assertThat(now.sendPayment(new OutgoingPayment(own, 0, 0, Duration.ofSeconds(30)), WAIT)
                        .failureReason())
                .isEqualTo(LightningFailureReason.ERROR);
        assertThat(now.decode(own).destination()).isEqualTo(now.identityPubkey());
    }

    @Test
    void something_that_is_not_a_simulated_invoice_cannot_be_decoded() {
        assertThatThrownBy(() -> node.decode("lnbcrt1qqqq"))
                .isInstanceOf(InvalidInvoiceException.class)
                .extracting(e -> ((InvalidInvoiceException) e).reason())
                .isEqualTo(InvalidInvoiceException.Reason.MALFORMED);
        assertThatThrownBy(() -> node.decode("lntb1qqqq"))
                .isInstanceOf(InvalidInvoiceException.class)
                .extracting(e -> ((InvalidInvoiceException) e).reason())
                .isEqualTo(InvalidInvoiceException.Reason.WRONG_NETWORK);
    }
}
