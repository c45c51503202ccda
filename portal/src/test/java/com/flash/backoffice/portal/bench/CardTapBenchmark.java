package com.flash.backoffice.portal.bench;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.card.ActiveCards;
import com.flash.backoffice.portal.invoice.InvoiceCreateResult;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.lightning.LightningPayment;
import com.flash.backoffice.workflows.lightning.LightningPaymentStatus;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.lightning.OutgoingPayment;
import com.flash.backoffice.workflows.regtest.LndNode;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Flash card taps benchmark (not a unit test). A real regtest network (btcd; the "customer" LND is Flash's node with
 * the channel's outbound side, the "merchant" LND is a shop's) and the whole portal on it (real MariaDB, a real
 * Temporal server, the portal's own workers and HTTP server).
 *
 * <p>Over Lightning: N taps of {@value #TAP_SAT} sat, one after the other, each as a wallet makes it: {@code GET
 * /boltcard?p&c}, then the LUD-03 callback with the shop's BOLT11, timed from the tap's first request to its row booked
 * Paid (the payment succeeded and was booked; the time stored with the row, as the wallet's poll only learns of it). Baseline, same run, same channel, same amount: N bare SendPaymentV2 calls
 * from Flash's LND to N other shop invoices through the same adapter ({@code LndLightningNode}), timed to SUCCEEDED,
 * once before and once after the taps.
 *
 * <p>Inside Flash: T taps paying T invoices of a Flash merchant (settled internally, no Lightning payment) from C
 * cards at once, taps per second from the first request to the last tap Paid; baseline: raw two-line ledger postings
 * per second into the same database from one connection.
 *
 * <p>Run it (see the portal README, "Benchmarks"): {@code ./mvnw -B -o -pl portal -am test-compile
 * org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.skip=true
 * -Dexec.mainClass=com.flash.backoffice.portal.bench.CardTapBenchmark -Dflash.bench.taps=100
 * -Dflash.bench.internalTaps=200 -Dflash.bench.cards=4}
 */
public final class CardTapBenchmark {

    static final long TAP_SAT = 1_000;
    private static final long SAT = 1_000;
    private static final long TAP_MSAT = TAP_SAT * SAT;
    private static final int WARM_UP = 50;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int taps = Integer.getInteger("flash.bench.taps", 100);
        int internalTaps = Integer.getInteger("flash.bench.internalTaps", 200);
        int parallelCards = Integer.getInteger("flash.bench.cards", 4);

        Path module = Files.exists(Path.of("portal", "pom.xml")) ? Path.of("portal") : Path.of(".");
        String portalFolder = module.toAbsolutePath().normalize().toString();
        System.setProperty("project.basedir", portalFolder);
        System.setProperty("vaadin.project.basedir", portalFolder);

        RegtestNetwork net = RegtestNetwork.shared();
        MariaDbServer mariaDb = MariaDbServer.shared();
        String jdbcUrl = mariaDb.createDatabase("card_tap_bench");
        BenchTemporal temporal = BenchTemporal.start();
        System.out.println("MariaDB:  " + jdbcUrl);
        System.out.println("Temporal: " + temporal.description() + " on " + temporal.target());
        LndNode flash = net.customer();
        ConfigurableApplicationContext portal = new SpringApplicationBuilder(FlashApplication.class)
                .run(
                        "--server.port=0",
                        "--server.address=127.0.0.1",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + mariaDb.username(),
                        "--spring.datasource.password=" + mariaDb.password(),
                        "--spring.temporal.connection.target=" + temporal.target(),
                        "--flash.rates.fetch-enabled=false",
                        "--flash.bitcoin.network=REGTEST",
                        "--flash.bitcoin.rpc.url=" + net.btcdRpcUrl(),
                        "--flash.bitcoin.rpc.user=" + net.btcdRpcUser(),
                        "--flash.bitcoin.rpc.password=" + net.btcdRpcPassword(),
                        "--flash.bitcoin.rpc.tls-cert-path=" + net.btcdRpcCert(),
                        "--flash.lnd.host=" + flash.host(),
                        "--flash.lnd.port=" + flash.grpcPort(),
                        "--flash.lnd.tls-cert-path=" + flash.tlsCert(),
                        "--flash.lnd.macaroon-path=" + flash.adminMacaroon(),
                        // the benchmark's wallet taps from one address as fast as it can
                        "--flash.public.rate-limit.per-minute=1000000",
                        "--flash.public.rate-limit.burst=100000",
                        "--vaadin.devmode.devTools.enabled=false",
                        "--logging.level.root=WARN",
                        "--logging.level.org.mariadb.jdbc.message.server.ErrorPacket=ERROR");
        try (LndLightningNode lnd = new LndLightningNode(
                new LndProperties(flash.host(), flash.grpcPort(), flash.tlsCert(), flash.adminMacaroon()))) {
            Wallet wallet = new Wallet(portal);
            // -Dflash.bench.taps=0 measures the taps inside Flash only (for a run pinned to one core, see the README)
            if (taps > 0) {
                lightningTaps(portal, net, lnd, wallet, taps);
            }
            Internal internal = internalTaps(portal, wallet, internalTaps, parallelCards);
            double postings = rawPostings(portal.getBean(LedgerRepository.class), internalTaps);
            System.out.println();
            System.out.printf(
                    "Inside Flash: %,d taps at a Flash merchant's invoices from %d cards at once: %.1f taps/s"
                            + " (%.1f s; per tap p50 %.0f ms, p99 %.0f ms)%n",
                    internalTaps,
                    parallelCards,
                    internalTaps / internal.seconds(),
                    internal.seconds(),
                    percentile(internal.perTapMillis(), 50),
                    percentile(internal.perTapMillis(), 99));
            System.out.printf(
                    "baseline: raw two-line ledger postings from one connection: %.1f postings/s; ratio taps/postings"
                            + " %.3f%n",
                    postings, internalTaps / internal.seconds() / postings);
            System.out.printf(
                    "machine: %d processors; load average %.1f%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        } finally {
            portal.close();
            net.close();
        }
        System.exit(0);
    }

    /** A programme of the benchmark's cards: 50,000 sat a tap, a day's limit no run reaches. */
    private static ActiveCards benchCards(ConfigurableApplicationContext portal) {
        return new ActiveCards(
                portal.getBean(CardRepository.class),
                portal.getBean(CardWithdrawals.class),
                portal.getBean(CardKeyVault.class),
                50_000 * SAT,
                100_000_000 * SAT);
    }

    /** N taps over the regtest channel against N bare payments before and after; prints the ratios and the steps. */
    private static void lightningTaps(
            ConfigurableApplicationContext portal, RegtestNetwork net, LndLightningNode lnd, Wallet wallet, int taps)
            throws Exception {
        ActiveCards programme = benchCards(portal);
        BoltCardEmulator emulator = programme.emulator();
        Card card = programme.active(emulator, (3 * taps + WARM_UP + 10) * TAP_MSAT);

        System.out.printf("Warm-up: %d taps and %d bare payments%n", WARM_UP, WARM_UP);
        baseline(lnd, shopInvoices(net, WARM_UP, "warm-up-bare"));
        for (String bolt11 : shopInvoices(net, WARM_UP, "warm-up-tap")) {
            wallet.tapAndAwaitPaid(emulator, card, bolt11);
        }

        List<Double> before = baseline(lnd, shopInvoices(net, taps, "baseline-before"));
        List<Double> tapped = new ArrayList<>();
        for (String bolt11 : shopInvoices(net, taps, "tap")) {
            tapped.add(wallet.tapAndAwaitPaid(emulator, card, bolt11));
        }
        List<Double> after = baseline(lnd, shopInvoices(net, taps, "baseline-after"));
        java.util.Map<String, List<Double>> phases = phases(portal, card, wallet.marks);

        System.out.println();
        System.out.printf(
                "N = %,d taps of %,d sat paid over one regtest channel (Flash's LND -> the shop's LND)%n",
                taps, TAP_SAT);
        System.out.printf("%-52s %10s %10s %12s%n", "", "p50 ms", "p99 ms", "p50 x base");
        row("baseline: bare SendPaymentV2, before the taps", before, before);
        row("baseline: bare SendPaymentV2, after the taps", after, before);
        List<Double> base = percentile(before, 50) <= percentile(after, 50) ? before : after;
        row("taps: first request -> Paid (vs the faster baseline)", tapped, base);
        System.out.printf(
                "taps p99 / baseline p99: %.2fx; taps p99 %.0f ms (goal: p50 ratio <= 1.3x, p99 < 1000 ms)%n",
                percentile(tapped, 99) / percentile(base, 99), percentile(tapped, 99));
        System.out.println("where a tap's time goes (p50 / p99 ms):");
        phases.forEach((name, values) ->
                System.out.printf("  %-58s %8.0f %8.0f%n", name, percentile(values, 50), percentile(values, 99)));
        System.out.println();
    }

    /** What a Bolt Card wallet does: the two LUD-03 calls over the portal's HTTP server. */
    private static final class Wallet {

        private final ConfigurableApplicationContext portal;
        private final CardRepository cards;
        private final org.jooq.DSLContext dsl;
        /** Per tap, in order: request sent, withdraw request answered, callback answered, Paid seen. */
        final java.util.Map<Long, Instant[]> marks = new java.util.concurrent.ConcurrentHashMap<>();

        Wallet(ConfigurableApplicationContext portal) {
            this.portal = portal;
            this.cards = portal.getBean(CardRepository.class);
            this.dsl = portal.getBean(org.jooq.DSLContext.class);
        }

        /**
         * The tap's milliseconds from its first request to its row booked Paid (the time stored with it; the wallet's
         * poll, which only learns of it, is reported apart).
         */
        double tapAndAwaitPaid(BoltCardEmulator emulator, Card card, String bolt11) throws Exception {
            Instant[] at = new Instant[4];
            at[0] = Instant.now();
            tap(emulator, bolt11, at);
            awaitPaid(card);
            at[3] = Instant.now();
            long tapId = cards.taps(card.id(), 1).getFirst().id();
            marks.put(tapId, at);
            Instant booked = dsl.fetchSingle("select updated_at from card_tap where id = ?", tapId)
                    .get(0, java.time.LocalDateTime.class)
                    .toInstant(java.time.ZoneOffset.UTC);
            return Duration.between(at[0], booked).toNanos() / 1e6;
        }

        /** The wallet's two calls; the tap is the card's newest once the callback said OK. */
        void tap(BoltCardEmulator emulator, String bolt11, Instant[] at) throws Exception {
            BoltCardEmulator.Tap tap;
            synchronized (emulator) {
                tap = emulator.tap();
            }
            JsonNode request = get(uri("/boltcard?p=" + tap.p() + "&c=" + tap.c()));
            if (!"withdrawRequest".equals(request.path("tag").asString(""))) {
                throw new IllegalStateException("tap refused: " + request);
            }
            at[1] = Instant.now();
            JsonNode answer = get(URI.create(request.get("callback").asString() + "?k1="
                    + request.get("k1").asString() + "&pr=" + URLEncoder.encode(bolt11, StandardCharsets.UTF_8)));
            if (!"OK".equals(answer.path("status").asString(""))) {
                throw new IllegalStateException("callback refused: " + answer);
            }
            at[2] = Instant.now();
        }

        void awaitPaid(Card card) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!cards.taps(card.id(), 1).getFirst().state().equals("PAID")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("tap not paid: " + cards.taps(card.id(), 1));
                }
                Thread.sleep(2);
            }
        }

        private URI uri(String pathAndQuery) {
            int port = ((WebServerApplicationContext) portal).getWebServer().getPort();
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }

        /**
         * A blocking request on a kept-alive connection: {@code java.net.http}'s client hands each exchange between
         * threads, which on two shared cores added milliseconds that are the wallet's, not Flash's.
         */
        private JsonNode get(URI uri) throws Exception {
            java.net.HttpURLConnection connection =
                    (java.net.HttpURLConnection) uri.toURL().openConnection();
            try (java.io.InputStream body = connection.getInputStream()) {
                return JSON.readTree(body.readAllBytes());
            }
        }
    }

    record Internal(double seconds, List<Double> perTapMillis) {}

    /** The taps' steps from the wallet's marks and the stored rows (tap, payment), in milliseconds. */
    private static java.util.Map<String, List<Double>> phases(
            ConfigurableApplicationContext portal, Card card, java.util.Map<Long, Instant[]> marks) {
        org.jooq.DSLContext dsl = portal.getBean(org.jooq.DSLContext.class);
        java.util.Map<String, List<Double>> phases = new java.util.LinkedHashMap<>();
        for (var row : dsl.fetch(
                "select t.id, p.created_at, p.updated_at, t.updated_at from card_tap t join payment p"
                        + " on p.payment_id = t.payment_id where t.card_id = ? and t.state = 'PAID'",
                card.id())) {
            Instant[] at = marks.get(row.get(0, Long.class));
            if (at == null) {
                continue;
            }
            Instant paymentRecorded = row.get(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
            Instant paymentDone = row.get(2, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
            Instant tapBooked = row.get(3, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
            add(phases, "wallet: GET /boltcard answered", at[0], at[1]);
            add(phases, "wallet: callback answered", at[1], at[2]);
            add(phases, "callback answered -> payment recorded (workflow, activity)", at[2], paymentRecorded);
            add(phases, "payment recorded -> succeeded (LND send)", paymentRecorded, paymentDone);
            add(phases, "payment succeeded -> tap booked Paid", paymentDone, tapBooked);
            add(phases, "tap booked -> seen by the wallet's poll", tapBooked, at[3]);
        }
        return phases;
    }

    private static void add(java.util.Map<String, List<Double>> phases, String name, Instant from, Instant to) {
        phases.computeIfAbsent(name, key -> new ArrayList<>())
                .add(Duration.between(from, to).toNanos() / 1e6);
    }

    /** {@code count} taps at a Flash merchant's invoices, from {@code parallel} cards at once, each card in turn. */
    private static Internal internalTaps(ConfigurableApplicationContext portal, Wallet wallet, int count, int parallel)
            throws Exception {
        Merchant shop = portal.getBean(MerchantRepository.class).create(NewMerchant.withDefaults("Bar", "BTC"));
        InvoiceService invoices = portal.getBean(InvoiceService.class);
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "fiona", "n/a", List.of(new SimpleGrantedAuthority(Role.FINANCE.authority()))));
        List<String> bolt11s = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Invoice invoice = ((InvoiceCreateResult.Created)
                            invoices.create(shop.id(), InvoiceDraft.of(String.valueOf(TAP_SAT), "SATS")))
                    .invoice();
            bolt11s.add(invoices.paymentDestinations(invoice.id()).bolt11());
        }
        SecurityContextHolder.clearContext();
        ActiveCards programme = benchCards(portal);
        List<BoltCardEmulator> emulators = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        for (int c = 0; c < parallel; c++) {
            BoltCardEmulator emulator = programme.emulator();
            emulators.add(emulator);
            cards.add(programme.active(emulator, (count + 10) * TAP_MSAT));
        }
        System.out.printf("Inside Flash: %,d invoices ready; %d cards tap%n", count, parallel);
        Double[] millis = new Double[count];
        long start = System.nanoTime();
        try (ExecutorService holders = Executors.newFixedThreadPool(parallel)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < parallel; c++) {
                int holder = c;
                running.add(holders.submit(() -> {
                    for (int i = holder; i < count; i += parallel) {
                        millis[i] = wallet.tapAndAwaitPaid(emulators.get(holder), cards.get(holder), bolt11s.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> holder : running) {
                holder.get();
            }
        }
        return new Internal((System.nanoTime() - start) / 1e9, List.of(millis));
    }

    /** Two-line entries per second from one connection, each its own transaction, as a tap's booking is. */
    private static double rawPostings(LedgerRepository ledger, int count) {
        NewLedgerAccount from = new NewLedgerAccount(
                "liabilities:bench-from", "Benchmark from", com.flash.backoffice.db.ledger.AccountType.LIABILITY, null);
        NewLedgerAccount to = new NewLedgerAccount(
                "liabilities:bench-to", "Benchmark to", com.flash.backoffice.db.ledger.AccountType.LIABILITY, null);
        ledger.createAccount(from);
        ledger.createAccount(to);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            ledger.post(new JournalEntry(
                    "bench-posting-" + i,
                    "benchmark posting",
                    Instant.now(),
                    List.of(
                            JournalLine.debit(from.code(), Msat.ofMsat(TAP_MSAT)),
                            JournalLine.credit(to.code(), Msat.ofMsat(TAP_MSAT)))));
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static List<String> shopInvoices(RegtestNetwork net, int n, String memo) {
        List<String> invoices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            invoices.add(net.merchantAddInvoice(TAP_MSAT, memo + "-" + i).getPaymentRequest());
        }
        return invoices;
    }

    private static List<Double> baseline(LndLightningNode lnd, List<String> invoices) {
        List<Double> millis = new ArrayList<>();
        for (String bolt11 : invoices) {
            long t0 = System.nanoTime();
            LightningPayment payment = lnd.sendPayment(
                    new OutgoingPayment(bolt11, 0, 10_000, Duration.ofSeconds(60)), Duration.ofSeconds(60));
            while (!payment.isFinal()) {
                payment = lnd.trackPayment(payment.paymentHash(), Duration.ofSeconds(60))
                        .orElseThrow();
            }
            if (payment.status() != LightningPaymentStatus.SUCCEEDED) {
                throw new IllegalStateException("bare payment failed: " + payment.failureReason());
            }
            millis.add((System.nanoTime() - t0) / 1e6);
        }
        return millis;
    }

    private static void row(String name, List<Double> millis, List<Double> baseline) {
        System.out.printf(
                "%-52s %10.0f %10.0f %12.2f%n",
                name,
                percentile(millis, 50),
                percentile(millis, 99),
                percentile(millis, 50) / percentile(baseline, 50));
    }

    private static double percentile(List<Double> millis, int percent) {
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
