package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.message.Invoice;

/** BOLT11 checks decoded by the real node: Flash's node is the regtest merchant LND, invoices are the customer's. */
@ExtendWith(RegtestExtension.class)
class PaymentDestinationsRegtestIT {

    private static LndLightningNode lnd;
    private static PaymentDestinations destinations;

    @BeforeAll
    static void connect(RegtestNetwork net) {
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
        destinations = new NodePaymentDestinations(lnd, ChainNetwork.REGTEST, Clock.systemUTC());
    }

    @AfterAll
    static void close() {
        lnd.close();
    }

    @Test
    void the_node_decodes_a_customer_invoice_with_its_hash_amount_expiry_and_destination(RegtestNetwork net)
            throws Exception {
        Invoice request = new Invoice();
        request.setValueMsat(21_000_000L);
        request.setMemo("decode me");
        request.setExpiry(600);
        var added = net.customer().api().addInvoice(request);

        DecodedInvoice decoded = lnd.decode(added.getPaymentRequest());

        assertThat(decoded.network()).isEqualTo(ChainNetwork.REGTEST);
        assertThat(decoded.paymentHash()).isEqualTo(java.util.HexFormat.of().formatHex(added.getRHash()));
        assertThat(decoded.amountMsat()).isEqualTo(21_000_000L);
        assertThat(decoded.destination()).isEqualTo(net.customer().pubkey());
        assertThat(decoded.description()).isEqualTo("decode me");
        assertThat(Duration.between(decoded.createdAt(), decoded.expiresAt())).isEqualTo(Duration.ofSeconds(600));
        assertThat(decoded.expiresAt()).isAfter(Instant.now());
        assertThat(destinations.problem(added.getPaymentRequest(), 21_000_000L)).isEmpty();
    }

    @Test
    void a_customer_invoice_without_an_amount_can_be_paid_any_amount(RegtestNetwork net) throws Exception {
        String bolt11 = customerInvoice(net, 0, 600);

        assertThat(lnd.decode(bolt11).hasAmount()).isFalse();
        assertThat(destinations.problem(bolt11, 777_000L)).isEmpty();
    }

    @Test
    void an_invoice_for_another_amount_is_refused(RegtestNetwork net) throws Exception {
        String bolt11 = customerInvoice(net, 10_000_000L, 600);

        assertThat(message(bolt11, 10_000_001L))
                .isEqualTo("The invoice asks for 10000000 msat, not the 10000001 msat to be paid");
    }

    @Test
    void an_expired_invoice_is_refused(RegtestNetwork net) throws Exception {
        String bolt11 = customerInvoice(net, 10_000_000L, 1);
        Instant expiresAt = lnd.decode(bolt11).expiresAt();
        RegtestNetwork.waitFor(
                "invoice expiry", Duration.ofSeconds(10), () -> Instant.now().isAfter(expiresAt));

        assertThat(message(bolt11, 10_000_000L)).isEqualTo("The invoice expired at " + expiresAt);
    }

    @Test
    void an_invoice_of_flashs_own_node_is_refused(RegtestNetwork net) {
        String own = net.merchantAddInvoice(10_000_000L, "own").getPaymentRequest();

        assertThat(message(own, 10_000_000L))
                .isEqualTo("The invoice pays one of Flash's own invoices: Flash's node cannot pay itself");
    }

    @Test
    void an_invoice_of_another_network_is_refused_before_the_node_decodes_it() {
        assertThat(message(PaymentDestinationsTest.MAINNET_SPEC_INVOICE, 250_000_000L))
                .isEqualTo("The invoice is for mainnet, but Flash's node runs on regtest");
    }

    @Test
    void a_malformed_invoice_is_refused_in_the_nodes_words(RegtestNetwork net) throws Exception {
        String bolt11 = customerInvoice(net, 10_000_000L, 600);

        assertThat(message(PaymentDestinationsTest.typo(bolt11), 10_000_000L))
                .startsWith("Not a valid BOLT11 invoice: ");
        assertThat(message("lnbcrt1qqqqqq", 10_000_000L)).startsWith("Not a valid BOLT11 invoice: ");
        assertThat(message("lnfoo1qqqqqq", 10_000_000L)).startsWith("Not a BOLT11 invoice");
    }

    static String customerInvoice(RegtestNetwork net, long msat, long expirySeconds) throws Exception {
        Invoice request = new Invoice();
        request.setValueMsat(msat);
        request.setExpiry(expirySeconds);
        return net.customer().api().addInvoice(request).getPaymentRequest();
    }

    private static String message(String destination, long amountMsat) {
        Optional<DestinationProblem> problem = destinations.problem(destination, amountMsat);
        assertThat(problem).as("a problem with " + destination).isPresent();
        assertThat(problem.get().kind()).isEqualTo(DestinationKind.BOLT11);
        return problem.get().message();
    }
}
