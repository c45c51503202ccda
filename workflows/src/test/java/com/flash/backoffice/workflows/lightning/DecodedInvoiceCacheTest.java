package com.flash.backoffice.workflows.lightning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DecodedInvoiceCacheTest {

    private final List<String> asked = new ArrayList<>();
    private final Function<String, DecodedInvoice> node = bolt11 -> {
        asked.add(bolt11);
        if (bolt11.startsWith("bad")) {
            throw new InvalidInvoiceException(InvalidInvoiceException.Reason.MALFORMED, "Not a valid BOLT11 invoice");
        }
        return invoice(bolt11);
    };

    @Test
    void an_invoice_decoded_once_is_not_asked_of_the_node_again() {
        DecodedInvoiceCache cache = new DecodedInvoiceCache(2);

        DecodedInvoice first = cache.decode("lnbcrt1a", node);
        DecodedInvoice second = cache.decode("lnbcrt1a", node);

        assertThat(second).isEqualTo(first).isEqualTo(invoice("lnbcrt1a"));
        assertThat(asked).containsExactly("lnbcrt1a");
    }

    @Test
    void a_refused_invoice_is_asked_again_every_time() {
        DecodedInvoiceCache cache = new DecodedInvoiceCache(2);

        assertThatThrownBy(() -> cache.decode("bad1", node)).isInstanceOf(InvalidInvoiceException.class);
        assertThatThrownBy(() -> cache.decode("bad1", node)).isInstanceOf(InvalidInvoiceException.class);

        assertThat(asked).containsExactly("bad1", "bad1");
    }

    @Test
    void beyond_its_capacity_the_least_recently_used_invoice_goes_first() {
        DecodedInvoiceCache cache = new DecodedInvoiceCache(2);
        cache.decode("lnbcrt1a", node);
        cache.decode("lnbcrt1b", node);
        cache.decode("lnbcrt1a", node);

        cache.decode("lnbcrt1c", node);
        cache.decode("lnbcrt1a", node);
        cache.decode("lnbcrt1b", node);

        assertThat(asked).containsExactly("lnbcrt1a", "lnbcrt1b", "lnbcrt1c", "lnbcrt1b");
    }

    private static DecodedInvoice invoice(String bolt11) {
        Instant created = Instant.parse("2026-12-07T12:00:00Z");
        return new DecodedInvoice(
                ChainNetwork.REGTEST,
                "hash-of-" + bolt11,
                1_000_000,
                created,
                created.plusSeconds(3_600),
                "02" + "ab".repeat(32),
                "memo",
                null);
    }
}
