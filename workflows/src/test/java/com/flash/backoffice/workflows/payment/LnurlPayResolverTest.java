package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resolver against a real HTTP server on 127.0.0.1 that answers as LUD-06/LUD-16 services do. The invoices here
 * are issued by the test service and decoded from its own table (the regtest IT uses real BOLT11s decoded by LND).
 */
class LnurlPayResolverTest {

    private static final String METADATA = "[[\"text/plain\",\"Pay alice\"],[\"text/identifier\",\"alice@127.0.0.1\"]]";

    private final LnurlTestService service = new LnurlTestService();
    private final Map<String, DecodedBolt11> issued = new ConcurrentHashMap<>();
    private final AtomicInteger invoices = new AtomicInteger();
    private final Bolt11Decoder decoder = bolt11 -> {
        DecodedBolt11 decoded = issued.get(bolt11);
        if (decoded == null) {
            throw new IllegalArgumentException("invalid checksum");
        }
        return decoded;
    };
    private final LnurlPayProperties local =
            new LnurlPayProperties(Duration.ofSeconds(2), Duration.ofSeconds(2), null, List.of("127.0.0.1"));
    private final LnurlPayResolver resolver = new LnurlPayResolver(local, decoder);

    @AfterEach
    void stop() {
        service.close();
    }

    /** Issues the invoice an honest service would: the amount asked for and the metadata's hash. */
    private String honest(long amountMsat, String hash) {
        return issue(amountMsat, hash);
    }

    private String issue(long amountMsat, String hash) {
        String bolt11 = "lntest" + invoices.incrementAndGet();
        issued.put(bolt11, new DecodedBolt11(amountMsat, hash));
        return bolt11;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refusal(
            String destination, long amountMsat, LnurlRefusal refusal) {
        return assertThatThrownBy(() -> resolver.resolve(destination, amountMsat))
                .isInstanceOf(LnurlPayException.class)
                .satisfies(e -> assertThat(((LnurlPayException) e).refusal()).isEqualTo(refusal));
    }

    @Test
    void a_lightning_address_resolves_to_an_invoice_for_the_exact_amount_from_its_well_known_url() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, this::honest);

        LnurlInvoice invoice = resolver.resolve(service.address("alice"), 21_000);

        assertThat(issued.get(invoice.bolt11()))
                .isEqualTo(new DecodedBolt11(21_000, LnurlPayResolver.sha256Hex(METADATA)));
        assertThat(invoice.amountMsat()).isEqualTo(21_000);
        assertThat(invoice.metadata()).isEqualTo(METADATA);
        assertThat(invoice.payRequest()).hasToString(service.base() + "/.well-known/lnurlp/alice");
        assertThat(service.requests())
                .containsExactly("/.well-known/lnurlp/alice", "/.well-known/lnurlp/alice/callback?amount=21000");
        assertThat(LnurlPayResolver.kindOf(service.address("alice"))).contains(DestinationKind.LIGHTNING_ADDRESS);
    }

    @Test
    void an_lnurl_resolves_in_upper_or_lower_case_and_behind_a_lightning_prefix() {
        service.payRequest("/lnurlp/shop", 1_000, 1_000_000, METADATA, this::honest);
        String lnurl = service.lnurl("/lnurlp/shop");

        assertThat(resolver.resolve(lnurl, 2_000).amountMsat()).isEqualTo(2_000);
        assertThat(resolver.resolve(lnurl.toLowerCase(), 3_000).amountMsat()).isEqualTo(3_000);
        assertThat(resolver.resolve("lightning:" + lnurl, 4_000).amountMsat()).isEqualTo(4_000);
        assertThat(LnurlPayResolver.kindOf(lnurl)).contains(DestinationKind.LNURL_PAY);
    }

    @Test
    void a_callback_that_has_a_query_gets_the_amount_appended_with_an_ampersand() {
        String callback = service.base() + "/cb?user=bob";
        service.raw(
                "/lnurlp/bob",
                "{\"tag\":\"payRequest\",\"callback\":\"" + callback + "\",\"minSendable\":1000,"
                        + "\"maxSendable\":1000000,\"metadata\":" + LnurlTestService.quote(METADATA) + "}");
        service.answer(
                "/cb",
                query -> LnurlTestService.ok("{\"pr\":\""
                        + honest(
                                Long.parseLong(LnurlTestService.parameter(query, "amount")),
                                LnurlPayResolver.sha256Hex(METADATA))
                        + "\",\"routes\":[]}"));

        resolver.resolve(service.lnurl("/lnurlp/bob"), 5_000);

        assertThat(service.requests()).contains("/cb?user=bob&amount=5000");
    }

    @Test
    void an_amount_below_min_sendable_is_refused_before_any_invoice_is_asked_for() {
        service.payRequest("/.well-known/lnurlp/alice", 10_000, 5_000_000, METADATA, this::honest);

        refusal(service.address("alice"), 9_999, LnurlRefusal.AMOUNT_OUT_OF_RANGE)
                .hasMessage(
                        "The amount is outside what the LNURL service accepts: 9999 msat is not within 10000..5000000 msat");
        assertThat(service.requests()).containsExactly("/.well-known/lnurlp/alice");
    }

    @Test
    void an_amount_above_max_sendable_is_refused() {
        service.payRequest("/.well-known/lnurlp/alice", 10_000, 5_000_000, METADATA, this::honest);

        refusal(service.address("alice"), 5_000_001, LnurlRefusal.AMOUNT_OUT_OF_RANGE)
                .hasMessageEndingWith("5000001 msat is not within 10000..5000000 msat");
    }

    @Test
    void an_invoice_for_another_amount_is_refused() {
        service.payRequest(
                "/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, (amount, hash) -> issue(amount + 1_000, hash));

        refusal(service.address("alice"), 21_000, LnurlRefusal.WRONG_INVOICE_AMOUNT)
                .hasMessage(
                        "The LNURL service's invoice is not for the requested amount: the invoice is for 22000 msat,"
                                + " 21000 msat were asked for");
    }

    @Test
    void an_invoice_without_an_amount_is_refused() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, (amount, hash) -> issue(0, hash));

        refusal(service.address("alice"), 21_000, LnurlRefusal.WRONG_INVOICE_AMOUNT)
                .hasMessageEndingWith("the invoice has no amount, 21000 msat were asked for");
    }

    @Test
    void an_invoice_whose_description_hash_is_not_the_hash_of_the_metadata_is_refused() {
        String other = LnurlPayResolver.sha256Hex("[[\"text/plain\",\"someone else\"]]");
        service.payRequest(
                "/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, (amount, hash) -> issue(amount, other));

        refusal(service.address("alice"), 21_000, LnurlRefusal.WRONG_DESCRIPTION_HASH)
                .hasMessage(
                        "The LNURL service's invoice does not commit to its metadata (description hash): the invoice's"
                                + " hash is " + other + ", SHA-256 of the metadata is "
                                + LnurlPayResolver.sha256Hex(METADATA));
    }

    @Test
    void an_invoice_without_a_description_hash_is_refused() {
        service.payRequest(
                "/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, (amount, hash) -> issue(amount, null));

        refusal(service.address("alice"), 21_000, LnurlRefusal.WRONG_DESCRIPTION_HASH)
                .hasMessageEndingWith(": the invoice has no description hash");
    }

    @Test
    void an_invoice_the_node_cannot_decode_is_refused_with_the_nodes_words() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, (amount, hash) -> "lnbc1garbage");

        refusal(service.address("alice"), 21_000, LnurlRefusal.INVALID_INVOICE)
                .hasMessage("The LNURL service's invoice cannot be decoded: \"lnbc1garbage\": invalid checksum");
    }

    @Test
    void a_status_error_on_the_pay_request_carries_the_services_reason() {
        service.raw("/.well-known/lnurlp/carol", "{\"status\":\"ERROR\",\"reason\":\"user carol is suspended\"}");

        refusal(service.address("carol"), 21_000, LnurlRefusal.SERVICE_ERROR)
                .hasMessage("The LNURL service refused: 127.0.0.1:" + port() + " says \"user carol is suspended\"")
                .extracting(e -> ((LnurlPayException) e).problem(), type(DestinationProblem.class))
                .satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(DestinationKind.LIGHTNING_ADDRESS);
                    assertThat(p.message()).contains("user carol is suspended");
                });
    }

    @Test
    void a_status_error_on_the_callback_carries_the_services_reason() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, this::honest);
        service.answer(
                "/.well-known/lnurlp/alice/callback",
                query -> new LnurlTestService.Response(
                        400, "{\"status\":\"ERROR\",\"reason\":\"amount too small for fees\"}"));

        refusal(service.lnurl("/.well-known/lnurlp/alice"), 21_000, LnurlRefusal.SERVICE_ERROR)
                .hasMessageEndingWith("says \"amount too small for fees\"")
                .satisfies(e ->
                        assertThat(((LnurlPayException) e).problem().kind()).isEqualTo(DestinationKind.LNURL_PAY));
    }

    @Test
    void an_answer_that_is_not_json_is_malformed_and_names_the_http_status() {
        service.answer(
                "/.well-known/lnurlp/alice", query -> new LnurlTestService.Response(502, "<html>Bad gateway</html>"));

        refusal(service.address("alice"), 21_000, LnurlRefusal.MALFORMED)
                .hasMessageStartingWith("The LNURL service's answer is malformed: 127.0.0.1:" + port()
                        + " answered HTTP 502 with no valid JSON");
    }

    @Test
    void json_that_is_not_an_object_is_malformed() {
        service.raw("/.well-known/lnurlp/alice", "[1,2,3]");

        refusal(service.address("alice"), 21_000, LnurlRefusal.MALFORMED)
                .hasMessageEndingWith("with JSON that is not an object");
    }

    @Test
    void a_pay_request_without_a_callback_is_malformed() {
        service.raw(
                "/.well-known/lnurlp/alice",
                "{\"tag\":\"payRequest\",\"minSendable\":1000,\"maxSendable\":2000,\"metadata\":\"[]\"}");

        refusal(service.address("alice"), 1_500, LnurlRefusal.MALFORMED)
                .hasMessageEndingWith("127.0.0.1's answer has no text field \"callback\"");
    }

    @Test
    void amounts_that_are_not_whole_millisatoshi_are_malformed() {
        service.raw(
                "/.well-known/lnurlp/alice",
                "{\"tag\":\"payRequest\",\"callback\":\"" + service.base() + "/cb\",\"minSendable\":\"1000\","
                        + "\"maxSendable\":2000,\"metadata\":\"[]\"}");

        refusal(service.address("alice"), 1_500, LnurlRefusal.MALFORMED)
                .hasMessageEndingWith("has no whole number of millisatoshi in \"minSendable\"");
    }

    @Test
    void a_min_sendable_above_max_sendable_is_malformed() {
        service.payRequest("/.well-known/lnurlp/alice", 5_000, 4_000, METADATA, this::honest);

        refusal(service.address("alice"), 4_500, LnurlRefusal.MALFORMED)
                .hasMessageEndingWith("minSendable 5000 and maxSendable 4000 msat are not a range from 1 msat up");
    }

    @Test
    void metadata_that_is_not_a_json_array_is_malformed() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000, "text/plain: hello", this::honest);

        refusal(service.address("alice"), 2_000, LnurlRefusal.MALFORMED)
                .hasMessageEndingWith("the metadata is not a JSON array in a string");
    }

    @Test
    void another_kind_of_lnurl_is_not_a_pay_request() {
        service.raw(
                "/withdraw",
                "{\"tag\":\"withdrawRequest\",\"callback\":\"" + service.base() + "/w\",\"k1\":\"00\","
                        + "\"minWithdrawable\":1000,\"maxWithdrawable\":2000}");

        refusal(service.lnurl("/withdraw"), 1_500, LnurlRefusal.NOT_PAY_REQUEST)
                .hasMessage("The LNURL is not a pay request: its tag is \"withdrawRequest\"");
    }

    @Test
    void an_lnurl_with_a_login_tag_in_its_query_is_refused_without_asking_the_service() {
        refusal(service.lnurl("/auth?tag=login&k1=00"), 1_500, LnurlRefusal.NOT_PAY_REQUEST)
                .hasMessage("The LNURL is not a pay request: its tag query parameter is \"login\"");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void an_lnurl_to_plain_http_is_refused_without_asking_the_service() {
        String lnurl = Bech32Encoding.encode("lnurl", "http://shop.example/lnurlp/x".getBytes(StandardCharsets.UTF_8));

        refusal(lnurl, 1_500, LnurlRefusal.INSECURE_URL)
                .hasMessage("The LNURL service must be reached over https: http://shop.example/lnurlp/x is plain http");
    }

    @Test
    void plain_http_to_127_0_0_1_is_refused_unless_allowed_by_configuration() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, this::honest);
        LnurlPayResolver httpsOnly = new LnurlPayResolver(LnurlPayProperties.defaults(), decoder);

        assertThatThrownBy(() -> httpsOnly.resolve(service.lnurl("/.well-known/lnurlp/alice"), 2_000))
                .isInstanceOf(LnurlPayException.class)
                .hasMessageStartingWith("The LNURL service must be reached over https: http://127.0.0.1:");
        assertThat(service.requests()).isEmpty();
    }

    @Test
    void a_callback_over_plain_http_is_refused_before_it_is_called() {
        service.raw(
                "/.well-known/lnurlp/alice",
                "{\"tag\":\"payRequest\",\"callback\":\"http://shop.example/cb\",\"minSendable\":1000,"
                        + "\"maxSendable\":2000,\"metadata\":\"[]\"}");

        refusal(service.address("alice"), 1_500, LnurlRefusal.INSECURE_URL)
                .hasMessageEndingWith("http://shop.example/cb is plain http");
    }

    @Test
    void a_redirect_to_plain_http_is_not_followed() {
        service.answer(
                "/.well-known/lnurlp/alice", query -> LnurlTestService.redirect("http://shop.example/lnurlp/alice"));

        refusal(service.address("alice"), 1_500, LnurlRefusal.INSECURE_URL)
                .hasMessageEndingWith("http://shop.example/lnurlp/alice is plain http");
    }

    @Test
    void a_redirect_to_an_allowed_url_is_followed() {
        service.payRequest("/lnurlp/alice", 1_000, 5_000_000, METADATA, this::honest);
        service.answer("/.well-known/lnurlp/alice", query -> LnurlTestService.redirect("/lnurlp/alice"));

        assertThat(resolver.resolve(service.address("alice"), 2_000).amountMsat())
                .isEqualTo(2_000);
        assertThat(service.requests())
                .containsExactly("/.well-known/lnurlp/alice", "/lnurlp/alice", "/lnurlp/alice/callback?amount=2000");
    }

    @Test
    void an_answer_above_the_size_limit_is_refused() {
        LnurlPayResolver small =
                new LnurlPayResolver(new LnurlPayProperties(null, null, 4096, List.of("127.0.0.1")), decoder);
        service.payRequest(
                "/.well-known/lnurlp/alice",
                1_000,
                5_000_000,
                "[[\"text/plain\",\"" + "x".repeat(5000) + "\"]]",
                this::honest);

        assertThatThrownBy(() -> small.resolve(service.address("alice"), 2_000))
                .isInstanceOf(LnurlPayException.class)
                .hasMessage(
                        "The LNURL service's answer is too large: 127.0.0.1:" + port() + " sent more than 4096 bytes");
    }

    @Test
    void a_service_slower_than_the_request_timeout_times_out_and_may_be_asked_again() {
        LnurlPayResolver impatient = new LnurlPayResolver(
                new LnurlPayProperties(Duration.ofSeconds(1), Duration.ofMillis(300), null, List.of("127.0.0.1")),
                decoder);
        service.answer("/.well-known/lnurlp/slow", query -> {
            Thread.sleep(2_000);
            return LnurlTestService.ok("{}");
        });

        assertThatThrownBy(() -> impatient.resolve(service.address("slow"), 2_000))
                .isInstanceOf(LnurlPayException.class)
                .hasMessage("The LNURL service did not answer in time: 127.0.0.1:" + port()
                        + " gave no whole answer within 300 ms")
                .satisfies(e -> assertThat(((LnurlPayException) e).refusal().transientFailure())
                        .isTrue());
    }

    @Test
    void a_service_that_is_not_listening_is_unreachable_and_may_be_asked_again() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        refusal("alice@127.0.0.1:" + closed, 2_000, LnurlRefusal.UNREACHABLE)
                .hasMessageStartingWith("The LNURL service could not be reached: 127.0.0.1:" + closed)
                .satisfies(e -> assertThat(((LnurlPayException) e).refusal().transientFailure())
                        .isTrue());
    }

    @Test
    void a_bad_bech32_lnurl_says_what_is_wrong() {
        String lnurl = service.lnurl("/lnurlp/shop");
        String mistyped = lnurl.substring(0, lnurl.length() - 1) + (lnurl.endsWith("Q") ? "P" : "Q");

        refusal(mistyped, 2_000, LnurlRefusal.BAD_BECH32)
                .hasMessage("Not a valid LNURL (bech32): the checksum does not match (a mistyped character?)");
    }

    @Test
    void a_lightning_address_with_characters_lud16_does_not_allow_is_refused() {
        refusal("al!ce@shop.example", 2_000, LnurlRefusal.BAD_ADDRESS)
                .hasMessage(
                        "Not a valid Lightning address (user@domain, the user in a-z 0-9 - _ . +): \"al!ce@shop.example\"");
        refusal("alice@shop_example.com", 2_000, LnurlRefusal.BAD_ADDRESS);
    }

    @Test
    void a_lightning_address_in_capitals_is_read_in_lower_case() {
        service.payRequest("/.well-known/lnurlp/alice", 1_000, 5_000_000, METADATA, this::honest);

        resolver.resolve(service.address("ALICE"), 2_000);

        assertThat(service.requests()).first().isEqualTo("/.well-known/lnurlp/alice");
    }

    @Test
    void something_that_is_neither_an_address_nor_an_lnurl_is_refused() {
        refusal("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", 2_000, LnurlRefusal.NOT_LNURL)
                .hasMessage(
                        "Not a Lightning address or an LNURL-pay: \"bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080\" is"
                                + " neither user@domain nor lnurl1...")
                .satisfies(e ->
                        assertThat(((LnurlPayException) e).problem().kind()).isEqualTo(DestinationKind.UNKNOWN));
        assertThat(LnurlPayResolver.kindOf("lnbcrt10u1p...")).isEmpty();
    }

    @Test
    void a_lud17_lnurlp_link_is_read_as_https_or_as_allowed_http() {
        service.payRequest("/lnurlp/shop", 1_000, 1_000_000, METADATA, this::honest);

        assertThat(resolver.resolve("lnurlp://127.0.0.1:" + port() + "/lnurlp/shop", 2_000)
                        .payRequest())
                .hasToString(service.base() + "/lnurlp/shop");
        assertThat(LnurlPayTarget.of("lnurlp://shop.example/lnurlp/x", local).uri())
                .hasToString("https://shop.example/lnurlp/x");
    }

    private int port() {
        return Integer.parseInt(service.base().substring(service.base().lastIndexOf(':') + 1));
    }
}
