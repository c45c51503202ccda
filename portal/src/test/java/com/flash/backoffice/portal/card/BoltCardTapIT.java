package com.flash.backoffice.portal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardPins;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerEntryQuery;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.PostedEntry;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.invoice.InvoiceCreateResult;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyDerivation;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.card.CardKeys;
import com.flash.backoffice.workflows.card.CardLifecycleRequest;
import com.flash.backoffice.workflows.card.CardWorkflows;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bolt Card taps through the whole application, as a point of sale calls them: {@code /boltcard?p&c} answers LUD-03's
 * withdraw request, its callback pays the merchant's invoice on the (simulated) node and debits the card; every bad
 * tap or invoice is an LUD-03 error that pays nothing; nothing logged carries a p, a c, a UID or a key.
 */
@PortalSpringTest
class BoltCardTapIT {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final long SAT = 1_000;

    private final MockMvc mvc;
    private final DSLContext dsl;
    private final CardRepository cards;
    private final CardWithdrawals withdrawals;
    private final CardKeyVault vault;
    private final CardTapService sweep;
    private final MerchantRepository merchants;
    private final InvoiceService invoiceService;
    private final InvoiceRepository invoices;
    private final LedgerEntryQuery entries;
    private final LedgerRepository ledger;
    private final SimulatedLightningNode node;
    private final CardPins pins;
    private final WorkflowClient workflows;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private byte[] issuerKey;
    private CardProgramme programme;
    private String client;

    BoltCardTapIT(
            @Autowired WebApplicationContext context,
            @Autowired DSLContext dsl,
            @Autowired CardRepository cards,
            @Autowired CardWithdrawals withdrawals,
            @Autowired CardKeyVault vault,
            @Autowired CardTapService sweep,
            @Autowired LightningNode node,
            @Autowired MerchantRepository merchants,
            @Autowired InvoiceService invoiceService,
            @Autowired InvoiceRepository invoices,
            @Autowired LedgerRepository ledger,
            @Autowired CardPins pins,
            @Autowired WorkflowClient workflows) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.dsl = dsl;
        this.cards = cards;
        this.withdrawals = withdrawals;
        this.vault = vault;
        this.sweep = sweep;
        this.merchants = merchants;
        this.invoiceService = invoiceService;
        this.invoices = invoices;
        this.entries = new LedgerEntryQuery(dsl);
        this.ledger = ledger;
        this.node = (SimulatedLightningNode) node;
        this.pins = pins;
        this.workflows = workflows;
    }

    @BeforeEach
    void programme() {
        client = "10.8.0." + CLIENTS.incrementAndGet();
        issuerKey = CardKeyVault.newIssuerKey();
        String id = RandomIds.newId();
        programme = cards.createProgramme(new NewCardProgramme(
                id, "Taps " + id, vault.seal(id, issuerKey), 50_000 * SAT, 200_000 * SAT, null, 30, "fiona"));
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    @Test
    void a_tap_answers_the_withdraw_request_and_its_callback_pays_the_invoice_and_debits_the_card() throws Exception {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 100_000 * SAT);
        BoltCardEmulator.Tap tap = emulator.tap();

        JsonNode request = json(lnurl(get("/boltcard").param("p", tap.p()).param("c", tap.c())));

        assertThat(request.get("tag").asString()).isEqualTo("withdrawRequest");
        assertThat(request.get("callback").asString()).endsWith("/boltcard/callback");
        assertThat(request.get("k1").asString()).matches("[0-9a-f]{64}");
        assertThat(request.get("minWithdrawable").asLong()).isEqualTo(1_000);
        assertThat(request.get("maxWithdrawable").asLong())
                .as("the per-tap limit")
                .isEqualTo(50_000 * SAT);
        assertThat(request.has("pinLimit")).as("no PIN limit on this programme").isFalse();

        String invoice = node.foreignInvoice(20_000 * SAT, Duration.ofMinutes(10));
        JsonNode paid = json(lnurl(get("/boltcard/callback")
                .param("k1", request.get("k1").asString())
                .param("pr", invoice)));

        assertThat(paid.get("status").asString()).isEqualTo("OK");
        awaitTap(card, "PAID");
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(80_000 * SAT);
        assertThat(error(get("/boltcard/callback")
                        .param("k1", request.get("k1").asString())
                        .param("pr", invoice)))
                .isEqualTo("Unknown or already used k1");
        assertThat(error(get("/boltcard").param("p", tap.p()).param("c", tap.c())))
                .isEqualTo("This tap was already used: tap the card again");
        assertNoSecretLogged(emulator, tap);
    }

    @Test
    void every_bad_tap_gets_an_lud03_error_and_nothing_is_paid() throws Exception {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 100_000 * SAT);
        BoltCardEmulator.Tap tap = emulator.tap();

        assertThat(error(get("/boltcard").param("p", tap.p().substring(2)).param("c", tap.c())))
                .isEqualTo("p must be 32 hexadecimal characters");
        assertThat(error(get("/boltcard").param("p", "G" + tap.p().substring(1)).param("c", tap.c())))
                .isEqualTo("p must be 32 hexadecimal characters");
        assertThat(error(get("/boltcard").param("p", tap.p()).param("c", tap.c() + "00")))
                .isEqualTo("c must be 16 hexadecimal characters");
        assertThat(error(get("/boltcard").param("p", tap.p()))).isEqualTo("c must be 16 hexadecimal characters");
        BoltCardEmulator.Tap foreign =
                BoltCardEmulator.fresh(CardKeyVault.newIssuerKey()).tap();
        assertThat(error(get("/boltcard").param("p", foreign.p()).param("c", foreign.c())))
                .as("a card of another issuer (wrong key)")
                .isEqualTo("Unknown card");
        BoltCardEmulator.Tap unknown = BoltCardEmulator.fresh(issuerKey).tap();
        assertThat(error(get("/boltcard").param("p", unknown.p()).param("c", unknown.c())))
                .isEqualTo("Unknown card");
        String flipped = (tap.c().charAt(0) == '0' ? "1" : "0") + tap.c().substring(1);
        assertThat(error(get("/boltcard").param("p", tap.p()).param("c", flipped)))
                .isEqualTo("The card's signature is not valid");

        String k1 = json(lnurl(get("/boltcard").param("p", tap.p()).param("c", tap.c())))
                .get("k1")
                .asString();
        assertThat(error(get("/boltcard/callback").param("k1", k1).param("pr", "lnbcrt1malformed")))
                .startsWith("The invoice cannot be decoded");
        assertThat(error(get("/boltcard/callback").param("k1", k1).param("pr", "not an invoice")))
                .isEqualTo("pr is not a BOLT11 invoice");
        assertThat(error(get("/boltcard/callback").param("k1", k1)))
                .isEqualTo("The pr parameter (a BOLT11 invoice) is missing");
        assertThat(error(get("/boltcard/callback").param("pr", node.foreignInvoice(SAT, Duration.ofMinutes(5)))))
                .isEqualTo("The k1 parameter is missing");
        assertThat(error(get("/boltcard/callback")
                        .param("k1", k1)
                        .param("pr", node.foreignInvoice(50_001 * SAT, Duration.ofMinutes(5)))))
                .isEqualTo("Above the card's limit of 50,000 sat per payment");
        String expiring = node.foreignInvoice(1_000 * SAT, Duration.ofSeconds(1));
        Thread.sleep(1_500);
        assertThat(error(get("/boltcard/callback").param("k1", k1).param("pr", expiring)))
                .containsIgnoringCase("expired");
        assertThat(error(get("/boltcard/callback")
                        .param("k1", k1)
                        .param("pr", "lntb10u1pj9x0qhpp5anotherchainsinvoice")))
                .as("an invoice of another network")
                .contains("The invoice is for testnet");

        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(100_000 * SAT);
        assertThat(dsl.fetchCount(dsl.selectFrom("payment")
                        .where(
                                "payment_id in (select concat('card-tap-', id) from card_tap where card_id = ?)",
                                card.id())))
                .as("nothing was sent for this card")
                .isZero();
        assertThat(json(lnurl(get("/boltcard/callback")
                                .param("k1", k1)
                                .param("pr", node.foreignInvoice(10_000 * SAT, Duration.ofMinutes(5)))))
                        .get("status")
                        .asString())
                .as("the refused attempts left the k1 usable")
                .isEqualTo("OK");
        assertNoSecretLogged(emulator, tap);
    }

    @Test
    void a_tap_reserved_whose_workflow_never_started_is_paid_by_the_sweep_once() throws Exception {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 50_000 * SAT);
        BoltCardEmulator.Tap tap = emulator.tap();
        String k1 = json(lnurl(get("/boltcard").param("p", tap.p()).param("c", tap.c())))
                .get("k1")
                .asString();
        String invoice = node.foreignInvoice(5_000 * SAT, Duration.ofMinutes(10));
        // the process "dies" between the reservation and the workflow's start: only the reservation is written
        withdrawals.start(k1, 5_000 * SAT, invoice, 10_000, Instant.now());
        assertThat(cards.taps(card.id(), 1).getFirst().state()).isEqualTo("PAYING");

        assertThat(sweep.startUnstarted(Instant.now().plusSeconds(1))).isPositive();
        sweep.startUnstarted(Instant.now().plusSeconds(1));

        awaitTap(card, "PAID");
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(45_000 * SAT);
        assertThat(dsl.fetchCount(dsl.selectFrom("payment")
                        .where(
                                "payment_id = ?",
                                "card-tap-"
                                        + cards.taps(card.id(), 1).getFirst().id())))
                .as("one payment, however often the sweep runs")
                .isEqualTo(1);
    }

    @Test
    void a_tap_at_a_flash_merchants_invoice_settles_that_invoice_inside_flash_in_one_entry() throws Exception {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 100_000 * SAT);
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Card cafe " + RandomIds.newId(), "EUR"));
        Invoice invoice = flashInvoice(merchant, "25000");
        String bolt11 =
                asFinance(() -> invoiceService.paymentDestinations(invoice.id()).bolt11());
        String k1 = withdrawRequest(emulator.tap()).get("k1").asString();

        JsonNode paid = json(lnurl(get("/boltcard/callback").param("k1", k1).param("pr", bolt11)));

        assertThat(paid.get("status").asString()).isEqualTo("OK");
        awaitTap(card, "PAID");
        awaitStatus(invoice, InvoiceStatus.SETTLED);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(75_000 * SAT);
        List<PostedEntry> settlement = entries.withSourceKeyPrefix("invoice-" + invoice.id() + "-settlement");
        assertThat(settlement).hasSize(1);
        assertThat(settlement.getFirst().lines())
                .as("one entry from the card's reservation to the merchant, nothing on Flash's Lightning asset")
                .contains(
                        JournalLine.debit(ChartOfAccounts.cardPending(card.id()).code(), Msat.ofMsat(25_000 * SAT)))
                .extracting(JournalLine::accountCode)
                .containsOnly(
                        ChartOfAccounts.cardPending(card.id()).code(),
                        ChartOfAccounts.merchantBalance(merchant.id()).code(),
                        ChartOfAccounts.PROCESSING_FEE_REVENUE.code());
        assertThat(ledger.accountBalance(ChartOfAccounts.cardPending(card.id()).code())
                        .orElseThrow()
                        .balanceMsat()
                        .msat())
                .isZero();
        long tapId = cards.taps(card.id(), 1).getFirst().id();
        assertThat(dsl.fetchCount(dsl.selectFrom("payment").where("payment_id = ?", "card-tap-" + tapId)))
                .as("no Lightning payment was sent")
                .isZero();
        assertThat(invoices.findPayments(invoice.id())).singleElement().satisfies(payment -> {
            assertThat(payment.paymentRef()).isEqualTo("card-tap-" + tapId);
            assertThat(payment.destination()).isEqualTo("Flash card " + card.id());
        });

        BoltCardEmulator other = BoltCardEmulator.fresh(issuerKey);
        Card second = activeCard(other, 100_000 * SAT);
        String secondK1 = withdrawRequest(other.tap()).get("k1").asString();
        assertThat(error(get("/boltcard/callback").param("k1", secondK1).param("pr", bolt11)))
                .isEqualTo("The invoice " + invoice.id() + " is settled and cannot be paid");
        assertThat(withdrawals.balanceMsat(second.id())).isEqualTo(100_000 * SAT);
    }

    @Test
    void a_programme_with_a_merchant_allow_list_pays_only_those_merchants_invoices() throws Exception {
        Merchant listed = merchants.create(NewMerchant.withDefaults("Listed " + RandomIds.newId(), "EUR"));
        Merchant elsewhere = merchants.create(NewMerchant.withDefaults("Elsewhere " + RandomIds.newId(), "EUR"));
        cards.allowMerchants(programme.id(), List.of(listed.id()));
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 100_000 * SAT);
        Invoice refusedInvoice = flashInvoice(elsewhere, "1000");
        String refusedBolt11 = asFinance(
                () -> invoiceService.paymentDestinations(refusedInvoice.id()).bolt11());
        Invoice allowedInvoice = flashInvoice(listed, "1000");
        String allowedBolt11 = asFinance(
                () -> invoiceService.paymentDestinations(allowedInvoice.id()).bolt11());
        String k1 = withdrawRequest(emulator.tap()).get("k1").asString();

        String foreign = error(get("/boltcard/callback")
                .param("k1", k1)
                .param("pr", node.foreignInvoice(1_000 * SAT, Duration.ofMinutes(5))));
        String otherMerchant = error(get("/boltcard/callback").param("k1", k1).param("pr", refusedBolt11));
        JsonNode paid = json(lnurl(get("/boltcard/callback").param("k1", k1).param("pr", allowedBolt11)));

        assertThat(foreign).isEqualTo("This card pays only at " + listed.name());
        assertThat(otherMerchant).isEqualTo("This card pays only at " + listed.name());
        assertThat(paid.get("status").asString()).isEqualTo("OK");
        awaitStatus(allowedInvoice, InvoiceStatus.SETTLED);
        assertThat(invoices.findById(refusedInvoice.id()).orElseThrow().status())
                .isEqualTo(InvoiceStatus.NEW);
    }

    @Test
    void a_card_without_balance_is_refused_at_the_tap() throws Exception {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        activeCard(emulator, 0);
        BoltCardEmulator.Tap tap = emulator.tap();

        assertThat(error(get("/boltcard").param("p", tap.p()).param("c", tap.c())))
                .isEqualTo("Not enough balance on the card");
    }

    @Test
    void above_the_pin_limit_the_wallet_sends_the_pin_and_three_wrong_ones_freeze_the_card_through_its_workflow()
            throws Exception {
        String id = RandomIds.newId();
        programme = cards.createProgramme(new NewCardProgramme(
                id, "PIN taps " + id, vault.seal(id, issuerKey), 50_000 * SAT, 200_000 * SAT, 10_000 * SAT, 30, "f"));
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 100_000 * SAT);
        pins.set(card.id(), "2580");
        CardWorkflows.start(workflows, new CardLifecycleRequest(card.id(), Duration.ofDays(30)));
        BoltCardEmulator.Tap tap = emulator.tap();
        JsonNode request = withdrawRequest(tap);
        String k1 = request.get("k1").asString();
        assertThat(request.get("pinLimit").asLong()).isEqualTo(10_000 * SAT);
        String invoice = node.foreignInvoice(10_000 * SAT, Duration.ofMinutes(10));

        assertThat(error(get("/boltcard/callback").param("k1", k1).param("pr", invoice)))
                .isEqualTo("Enter the card's PIN: payments of 10,000 sat or more need it");
        assertThat(error(get("/boltcard/callback")
                        .param("k1", k1)
                        .param("pr", invoice)
                        .param("pin", "0000")))
                .isEqualTo("Wrong PIN: 2 tries left");
        assertThat(json(lnurl(get("/boltcard/callback")
                                .param("k1", k1)
                                .param("pr", invoice)
                                .param("pin", "2580")))
                        .get("status")
                        .asString())
                .isEqualTo("OK");
        awaitTap(card, "PAID");
        String small = node.foreignInvoice(9_999 * SAT, Duration.ofMinutes(10));
        assertThat(json(lnurl(get("/boltcard/callback")
                                .param(
                                        "k1",
                                        withdrawRequest(emulator.tap())
                                                .get("k1")
                                                .asString())
                                .param("pr", small)))
                        .get("status")
                        .asString())
                .as("below the PIN limit no PIN is asked")
                .isEqualTo("OK");
        awaitTap(card, "PAID");
        long balance = withdrawals.balanceMsat(card.id());

        String next = withdrawRequest(emulator.tap()).get("k1").asString();
        String large = node.foreignInvoice(20_000 * SAT, Duration.ofMinutes(10));
        error(get("/boltcard/callback").param("k1", next).param("pr", large).param("pin", "1111"));
        assertThat(error(get("/boltcard/callback")
                        .param("k1", next)
                        .param("pr", large)
                        .param("pin", "2222")))
                .isEqualTo("Wrong PIN: 1 try left");
        assertThat(error(get("/boltcard/callback")
                        .param("k1", next)
                        .param("pr", large)
                        .param("pin", "3333")))
                .isEqualTo("Wrong PIN: the card is locked; contact support");

        assertThat(cards.findById(card.id()).orElseThrow().state())
                .as("frozen by its workflow")
                .isEqualTo(CardState.FROZEN);
        assertThat(new com.flash.backoffice.db.card.CardLifecycle(dsl).events(card.id()))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.reason()).isEqualTo(com.flash.backoffice.db.card.CardReason.PIN_LOCKED));
        assertThat(error(get("/boltcard/callback")
                        .param("k1", next)
                        .param("pr", large)
                        .param("pin", "2580")))
                .isEqualTo("The card is frozen");
        assertThat(withdrawals.balanceMsat(card.id()))
                .as("nothing paid after the PIN went wrong")
                .isEqualTo(balance);
        assertNoSecretLogged(emulator, tap);
        assertThat(logs.list)
                .noneSatisfy(event -> assertThat(event.getFormattedMessage()).contains("2580"));
    }

    private void assertNoSecretLogged(BoltCardEmulator emulator, BoltCardEmulator.Tap tap) {
        HexFormat hex = HexFormat.of();
        CardKeys keys = CardKeyDerivation.keys(issuerKey, emulator.uid(), 0);
        List<String> secrets = List.of(
                tap.p(),
                tap.c(),
                hex.formatHex(emulator.uid()),
                hex.formatHex(issuerKey),
                hex.formatHex(keys.k0()),
                hex.formatHex(keys.k1()),
                hex.formatHex(keys.k2()));
        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = (event.getFormattedMessage() + " " + event.getMDCPropertyMap()).toLowerCase();
            for (String secret : secrets) {
                assertThat(line).as("a log line").doesNotContain(secret.toLowerCase());
            }
        }
    }

    private Card activeCard(BoltCardEmulator emulator, long msat) {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), HexFormat.of().formatHex(CardKeyDerivation.id(issuerKey, emulator.uid())), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        if (msat > 0) {
            withdrawals.creditFromLightning(card.id(), msat, "card-" + card.id() + "-top-up", "top-up", Instant.now());
        }
        return card;
    }

    private Invoice flashInvoice(Merchant merchant, String sats) {
        return asFinance(() -> ((InvoiceCreateResult.Created)
                        invoiceService.create(merchant.id(), InvoiceDraft.of(sats, "SATS")))
                .invoice());
    }

    private static <T> T asFinance(java.util.function.Supplier<T> call) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "fiona", "n/a", List.of(new SimpleGrantedAuthority(Role.FINANCE.authority()))));
        try {
            return call.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private JsonNode withdrawRequest(BoltCardEmulator.Tap tap) throws Exception {
        return json(lnurl(get("/boltcard").param("p", tap.p()).param("c", tap.c())));
    }

    private void awaitStatus(Invoice invoice, InvoiceStatus status) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (invoices.findById(invoice.id()).orElseThrow().status() != status) {
            assertThat(System.currentTimeMillis())
                    .as("the invoice became " + status)
                    .isLessThan(until);
            Thread.sleep(50);
        }
    }

    private void awaitTap(Card card, String state) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (!cards.taps(card.id(), 1).getFirst().state().equals(state)) {
            assertThat(System.currentTimeMillis()).as("the tap became " + state).isLessThan(until);
            Thread.sleep(50);
        }
    }

    private String error(MockHttpServletRequestBuilder request) throws Exception {
        JsonNode answer = json(lnurl(request).andExpect(status().isOk()));
        assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("ERROR");
        return answer.get("reason").asString();
    }

    private ResultActions lnurl(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(servlet -> {
            servlet.setRemoteAddr(client);
            return servlet;
        }));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }
}
