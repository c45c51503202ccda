package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.bitcoinj.base.Bech32;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.SegwitAddress;
import org.junit.jupiter.api.Test;

/**
 * Destination checks on a regtest back office, with the simulated Lightning node for BOLT11 (the real node's
 * decoding is in {@code PaymentDestinationsRegtestIT}): every kind, each malformed form and the wrong network.
 */
class PaymentDestinationsTest {

    /** The BOLT11 specification's "cup of coffee" example: a mainnet invoice of 2500 µBTC. */
    static final String MAINNET_SPEC_INVOICE = "lnbc2500u1pvjluezsp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3"
            + "zygspp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpu9qrsgquk0rl77nj30"
            + "yxdy8j9vdx85fkpmdla2087ne0xh8nhedh8w27kyke0lp53ut353s06fv3qfegext0eh0ymjpf39tuven09sam30g4vgpfna3rh";

    private static final byte[] HASH_20 = filled(20, 7);
    private static final byte[] PROGRAM_32 = filled(32, 9);

    private final Clock clock = Clock.systemUTC();
    private final SimulatedLightningNode node = new SimulatedLightningNode(clock, ChainNetwork.REGTEST);
    private final PaymentDestinations destinations = new NodePaymentDestinations(node, ChainNetwork.REGTEST, clock);

    @Test
    void each_kind_of_destination_is_recognised_by_its_form() {
        assertThat(destinations.kind(node.foreignInvoice(1_000, Duration.ofMinutes(5))))
                .isEqualTo(DestinationKind.BOLT11);
        assertThat(destinations.kind(MAINNET_SPEC_INVOICE)).isEqualTo(DestinationKind.BOLT11);
        assertThat(destinations.kind("alice@example.com")).isEqualTo(DestinationKind.LIGHTNING_ADDRESS);
        assertThat(destinations.kind(lnurl("https://example.com/lnurlp/alice"))).isEqualTo(DestinationKind.LNURL_PAY);
        assertThat(destinations.kind(
                        SegwitAddress.fromHash(BitcoinNetwork.REGTEST, HASH_20).toString()))
                .isEqualTo(DestinationKind.ONCHAIN);
        assertThat(destinations.kind(LegacyAddress.fromPubKeyHash(BitcoinNetwork.MAINNET, HASH_20)
                        .toString()))
                .isEqualTo(DestinationKind.ONCHAIN);
        assertThat(destinations.kind("hello world")).isEqualTo(DestinationKind.UNKNOWN);
        assertThat(destinations.kind("  ")).isEqualTo(DestinationKind.UNKNOWN);
    }

    @Test
    void an_amount_that_is_not_positive_is_refused_for_every_kind() {
        assertThat(message("alice@example.com", 0)).contains("The amount must be positive, not 0 msat");
        assertThat(message(node.foreignInvoice(0, Duration.ofMinutes(5)), -5))
                .contains("The amount must be positive, not -5 msat");
    }

    @Test
    void something_that_is_no_destination_at_all_is_refused() {
        assertThat(message("hello world", 1_000))
                .contains("Not a BOLT11 invoice, Lightning address (user@domain), LNURL or Bitcoin address");
    }

    @Test
    void onchain_addresses_of_the_network_are_accepted_in_bech32_bech32m_and_base58() {
        assertThat(destinations.problem(
                        SegwitAddress.fromHash(BitcoinNetwork.REGTEST, HASH_20).toString(), 100_000_000))
                .as("P2WPKH, bech32")
                .isEmpty();
        assertThat(destinations.problem(
                        SegwitAddress.fromProgram(BitcoinNetwork.REGTEST, 1, PROGRAM_32)
                                .toString(),
                        100_000_000))
                .as("P2TR, bech32m")
                .isEmpty();
        assertThat(destinations.problem(
                        LegacyAddress.fromPubKeyHash(BitcoinNetwork.REGTEST, HASH_20)
                                .toString(),
                        100_000_000))
                .as("P2PKH, base58")
                .isEmpty();
        assertThat(destinations.problem(
                        LegacyAddress.fromScriptHash(BitcoinNetwork.REGTEST, HASH_20)
                                .toString(),
                        100_000_000))
                .as("P2SH, base58")
                .isEmpty();
    }

    @Test
    void an_onchain_amount_below_the_dust_limit_or_with_millisatoshis_is_refused() {
        String address = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, HASH_20).toString();

        assertThat(message(address, 545_000))
                .isEqualTo("On-chain payments start at 546 sat (smaller outputs are dust)");
        assertThat(message(address, 1_000_001)).isEqualTo("On-chain amounts are whole satoshis, not 1000001 msat");
        assertThat(destinations.problem(address, 546_000)).isEmpty();
    }

    @Test
    void an_onchain_address_of_another_network_is_refused_naming_both_networks() {
        assertThat(message(
                        SegwitAddress.fromHash(BitcoinNetwork.MAINNET, HASH_20).toString(), 1_000))
                .isEqualTo("The address is for mainnet, but Flash runs on regtest");
        assertThat(message(
                        LegacyAddress.fromPubKeyHash(BitcoinNetwork.MAINNET, HASH_20)
                                .toString(),
                        1_000))
                .isEqualTo("The address is for mainnet, but Flash runs on regtest");
        assertThat(message(
                        SegwitAddress.fromProgram(BitcoinNetwork.TESTNET, 1, PROGRAM_32)
                                .toString(),
                        1_000))
                .isEqualTo("The address is for testnet, but Flash runs on regtest");
    }

    @Test
    void a_malformed_onchain_address_is_refused() {
        String bech32 = SegwitAddress.fromHash(BitcoinNetwork.REGTEST, HASH_20).toString();
        String base58 =
                LegacyAddress.fromPubKeyHash(BitcoinNetwork.REGTEST, HASH_20).toString();
        // a taproot program under the bech32 checksum (BIP350: v1+ must use bech32m)
        String taprootInBech32 = Bech32.encode(
                Bech32.Encoding.BECH32,
                "bcrt",
                new Bech32.Bech32Bytes(concat(new byte[] {1}, convertTo5Bits(PROGRAM_32))) {});

        assertThat(message(typo(bech32), 1_000)).startsWith("Not a valid Bitcoin address");
        assertThat(message(typo(base58), 1_000)).startsWith("Not a valid Bitcoin address");
        assertThat(message(taprootInBech32, 1_000)).startsWith("Not a valid Bitcoin address");
    }

    @Test
    void a_lightning_address_needs_the_form_user_at_domain() {
        assertThat(destinations.problem("alice@example.com", 1_000)).isEmpty();
        assertThat(destinations.problem("Bob.Smith+tips@pay.example.co.uk", 1_000))
                .isEmpty();
        for (String bad : new String[] {"alice@", "al!ce@example.com", "alice@exa_mple.com", "alice@-example.com"}) {
            assertThat(message(bad, 1_000))
                    .as(bad)
                    .startsWith("Not a valid Lightning address (user@domain, the user in a-z 0-9 - _ . +)");
        }
    }

    @Test
    void an_lnurl_must_be_valid_bech32_of_an_https_url() {
        String good = lnurl("https://example.com/lnurlp/alice");

        assertThat(destinations.problem(good, 1_000)).isEmpty();
        assertThat(destinations.problem(good.toUpperCase(), 1_000))
                .as("QR codes use upper case")
                .isEmpty();
        assertThat(message(typo(good), 1_000))
                .isEqualTo("Not a valid LNURL (bech32): the checksum does not match (a mistyped character?)");
        assertThat(message("lnurl1" + good.substring(6, 20).toUpperCase() + good.substring(20), 1_000))
                .isEqualTo("Not a valid LNURL (bech32): mixes upper and lower case");
        assertThat(message(lnurl("http://example.com/lnurlp/alice"), 1_000)).contains("plain http");
        assertThat(message("lnurl1qqqq", 1_000)).startsWith("Not a valid LNURL");
    }

    @Test
    void a_simulated_invoice_for_the_amount_is_accepted_and_a_zero_amount_one_for_any_amount() {
        assertThat(destinations.problem(node.foreignInvoice(5_000, Duration.ofMinutes(5)), 5_000))
                .isEmpty();
        assertThat(destinations.problem(node.foreignInvoice(0, Duration.ofMinutes(5)), 123_000))
                .isEmpty();
    }

    @Test
    void an_invoice_for_another_amount_is_refused_naming_both() {
        assertThat(message(node.foreignInvoice(5_000, Duration.ofMinutes(5)), 6_000))
                .isEqualTo("The invoice asks for 5000 msat, not the 6000 msat to be paid");
    }

    @Test
    void an_expired_invoice_is_refused() {
        String invoice = node.foreignInvoice(5_000, Duration.ofMinutes(1));
        PaymentDestinations later =
                new NodePaymentDestinations(node, ChainNetwork.REGTEST, Clock.offset(clock, Duration.ofMinutes(2)));

        assertThat(later.problem(invoice, 5_000).map(DestinationProblem::message))
                .hasValueSatisfying(m -> assertThat(m).startsWith("The invoice expired at "));
    }

    @Test
    void one_of_flashs_own_invoices_is_refused() {
        String own = node.createInvoice(5_000, "own", Duration.ofMinutes(5)).bolt11();

        assertThat(message(own, 5_000))
                .isEqualTo("The invoice pays one of Flash's own invoices: Flash's node cannot pay itself");
    }

    @Test
    void an_invoice_of_another_network_or_a_malformed_one_is_refused() {
        assertThat(message(MAINNET_SPEC_INVOICE, 250_000_000))
                .isEqualTo("The invoice is for mainnet, but Flash's node runs on regtest");
        assertThat(message("lnbcrt1notaninvoice", 1_000))
                .isEqualTo("Not an invoice of the simulated Lightning network");
        assertThat(message("lnxyz", 1_000)).startsWith("Not a BOLT11 invoice");
    }

    private String message(String destination, long amountMsat) {
        Optional<DestinationProblem> problem = destinations.problem(destination, amountMsat);
        assertThat(problem).as("a problem with " + destination).isPresent();
        assertThat(problem.get().kind()).isEqualTo(destinations.kind(destination));
        return problem.get().message();
    }

    static String lnurl(String url) {
        return Bech32.encodeBytes(Bech32.Encoding.BECH32, "lnurl", url.getBytes(StandardCharsets.UTF_8));
    }

    /** Changes one data character (after the separator) to another bech32/base58 character. */
    static String typo(String text) {
        int at = text.length() - 8;
        char replacement = text.charAt(at) == 'q' ? 'p' : 'q';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] convertTo5Bits(byte[] data) {
        byte[] out = new byte[(data.length * 8 + 4) / 5];
        int accumulator = 0;
        int bits = 0;
        int index = 0;
        for (byte b : data) {
            accumulator = ((accumulator << 8) | (b & 0xff)) & 0xffff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[index++] = (byte) ((accumulator >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out[index] = (byte) ((accumulator << (5 - bits)) & 31);
        }
        return out;
    }
}
