package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.lightningj.lnd.wrapper.SynchronousLndAPI;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.PayReq;

/**
 * LNURL-pay with real invoices: the regtest customer LND is the payee behind a real HTTP server on 127.0.0.1 that
 * answers as a LUD-06/LUD-16 service; Flash's (merchant) LND decodes each invoice, as the production decoder will.
 */
@ExtendWith(RegtestExtension.class)
class LnurlPayRegtestIT {

    private static final String METADATA =
            "[[\"text/plain\",\"Refund to customer\"],[\"text/identifier\",\"customer@127.0.0.1\"]]";

    private LnurlTestService service;
    private SynchronousLndAPI customer;
    private SynchronousLndAPI flash;
    private LnurlPayResolver resolver;

    @BeforeEach
    void start(RegtestNetwork net) {
        service = new LnurlTestService();
        customer = net.customer().newApi();
        flash = net.merchant().newApi();
        Bolt11Decoder byFlashsNode = bolt11 -> {
            try {
                PayReq decoded = flash.decodePayReq(bolt11);
                return new DecodedBolt11(decoded.getNumMsat(), decoded.getDescriptionHash());
            } catch (Exception e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        };
        resolver = new LnurlPayResolver(
                new LnurlPayProperties(Duration.ofSeconds(5), Duration.ofSeconds(20), null, List.of("127.0.0.1")),
                byFlashsNode);
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        customer.close();
        flash.close();
    }

    /** The customer's LND issues the invoice a LUD-06 service issues: the amount, and the metadata's hash. */
    private String customerInvoice(long amountMsat, String descriptionHashHex) {
        Invoice invoice = new Invoice();
        invoice.setValueMsat(amountMsat);
        invoice.setDescriptionHash(HexFormat.of().parseHex(descriptionHashHex));
        try {
            return customer.addInvoice(invoice).getPaymentRequest();
        } catch (Exception e) {
            throw new IllegalStateException("customer AddInvoice failed", e);
        }
    }

    @Test
    void a_lightning_address_resolves_to_the_customers_real_invoice_for_the_exact_amount() throws Exception {
        service.payRequest("/.well-known/lnurlp/customer", 1_000, 100_000_000, METADATA, this::customerInvoice);

        LnurlInvoice invoice = resolver.resolve(service.address("customer"), 21_000);

        assertThat(invoice.bolt11()).startsWith("lnbcrt210n1");
        PayReq decoded = flash.decodePayReq(invoice.bolt11());
        assertThat(decoded.getNumMsat()).isEqualTo(21_000);
        assertThat(decoded.getDescriptionHash()).isEqualTo(LnurlPayResolver.sha256Hex(METADATA));
        assertThat(decoded.getDestination())
                .isEqualTo(RegtestNetwork.shared().customer().pubkey());
    }

    @Test
    void an_lnurl_resolves_to_a_real_invoice_with_millisatoshi() {
        service.payRequest("/lnurlp/customer", 1_000, 100_000_000, METADATA, this::customerInvoice);

        LnurlInvoice invoice = resolver.resolve(service.lnurl("/lnurlp/customer"), 1_234_567);

        assertThat(invoice.amountMsat()).isEqualTo(1_234_567);
        assertThat(invoice.bolt11()).startsWith("lnbcrt12345670p1");
    }

    @Test
    void a_real_invoice_for_another_amount_is_refused() {
        service.payRequest(
                "/.well-known/lnurlp/customer",
                1_000,
                100_000_000,
                METADATA,
                (amount, hash) -> customerInvoice(amount - 1_000, hash));

        assertThatThrownBy(() -> resolver.resolve(service.address("customer"), 21_000))
                .isInstanceOf(LnurlPayException.class)
                .hasMessageEndingWith("the invoice is for 20000 msat, 21000 msat were asked for");
    }

    @Test
    void a_real_invoice_with_a_plain_description_instead_of_the_metadatas_hash_is_refused() {
        service.payRequest("/.well-known/lnurlp/customer", 1_000, 100_000_000, METADATA, (amount, hash) -> {
            Invoice invoice = new Invoice();
            invoice.setValueMsat(amount);
            invoice.setMemo("Refund to customer");
            try {
                return customer.addInvoice(invoice).getPaymentRequest();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThatThrownBy(() -> resolver.resolve(service.address("customer"), 21_000))
                .isInstanceOf(LnurlPayException.class)
                .hasMessageEndingWith("the invoice has no description hash");
    }

    @Test
    void a_real_invoice_committing_to_other_metadata_is_refused() {
        String other = LnurlPayResolver.sha256Hex("[[\"text/plain\",\"someone else\"]]");
        service.payRequest(
                "/.well-known/lnurlp/customer",
                1_000,
                100_000_000,
                METADATA,
                (amount, hash) -> customerInvoice(amount, other));

        assertThatThrownBy(() -> resolver.resolve(service.address("customer"), 21_000))
                .isInstanceOf(LnurlPayException.class)
                .satisfies(e ->
                        assertThat(((LnurlPayException) e).refusal()).isEqualTo(LnurlRefusal.WRONG_DESCRIPTION_HASH))
                .hasMessageContaining("the invoice's hash is " + other);
    }

    @Test
    void a_string_that_is_no_bolt11_is_refused_with_the_nodes_words() {
        service.payRequest(
                "/.well-known/lnurlp/customer", 1_000, 100_000_000, METADATA, (amount, hash) -> "lnbcrt1notaninvoice");

        assertThatThrownBy(() -> resolver.resolve(service.address("customer"), 21_000))
                .isInstanceOf(LnurlPayException.class)
                .satisfies(e -> assertThat(((LnurlPayException) e).refusal()).isEqualTo(LnurlRefusal.INVALID_INVOICE))
                .hasMessageStartingWith("The LNURL service's invoice cannot be decoded: \"lnbcrt1notaninvoice\": ");
    }
}
