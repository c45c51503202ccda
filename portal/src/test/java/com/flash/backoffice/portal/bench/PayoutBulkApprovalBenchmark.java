package com.flash.backoffice.portal.bench;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.PayoutEvent;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.approval.ApprovalService;
import com.flash.backoffice.portal.approval.DecisionResult;
import com.flash.backoffice.portal.approval.InboxItem;
import com.flash.backoffice.portal.payout.PayoutDraft;
import com.flash.backoffice.portal.payout.PayoutRequestOutcome;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalRequired;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.lightning.LightningPayment;
import com.flash.backoffice.workflows.lightning.LightningPaymentStatus;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.lightning.OutgoingPayment;
import com.flash.backoffice.workflows.payout.PayoutWorkflow;
import com.flash.backoffice.workflows.regtest.LndNode;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Bulk approval of Lightning payouts benchmark (not a unit test). A real regtest network (btcd, the "customer" and
 * the "merchant" LND with a 5,000,000 sat channel; the merchant is Flash's node and first gets outbound liquidity
 * from the customer) and the whole portal on it (real MariaDB, real Temporal, the portal's own workers).
 *
 * <p>Measured: N payouts of {@value #PAYOUT_SAT} sat to N customer invoices requested through {@code
 * PayoutService.request} (FINANCE, one FINANCE approval needed: the merchant has no auto-approve limit), and once all
 * are in the approvals inbox another FINANCE person approves them all with one {@code ApprovalService.decideAll},
 * the Approvals inbox's bulk action. Timed: from the bulk action to the last payout Completed, and per payout from
 * its approval sent (the Temporal client's {@code decide} update, {@link UpdateSendTimes}) to its Completed step.
 *
 * <p>Baseline, in the same run over the same channel: N bare router SendPaymentV2 calls from the merchant LND to N
 * other customer invoices through the same adapter ({@code LndLightningNode.sendPayment}), sequentially (before the
 * payouts) and again with as many in flight as the payout run had at its peak (after the payouts).
 *
 * <p>With {@code -Dflash.bench.burstSenders=K} the same decisions go through {@code ApprovalService.decide}, one per
 * payout, from K concurrent callers instead of the one {@code decideAll}: the same workflows, rules and update.
 *
 * <p>Run it (N from {@code -Dflash.bench.payouts}, default 1000; see the portal README, "Benchmarks"):
 * {@code ./mvnw -B -o -pl portal -am test-compile org.codehaus.mojo:exec-maven-plugin:3.6.2:java -Dexec.skip=true
 * -Dexec.mainClass=com.flash.backoffice.portal.bench.PayoutBulkApprovalBenchmark -Dflash.bench.payouts=50}
 */
public final class PayoutBulkApprovalBenchmark {

    static final long PAYOUT_SAT = 1_000;
    private static final long PAYOUT_MSAT = PAYOUT_SAT * 1_000;
    private static final long BASELINE_FEE_LIMIT_MSAT = 10_000;
    /** Below LND's largest single (non-wumbo) HTLC, 2^32 msat. */
    private static final long LIQUIDITY_INVOICE_SAT = 1_000_000;

    private static final String APPROVER = "fred";
    private static final Duration COMPLETION_TIMEOUT = Duration.ofMinutes(30);

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(
                System.getProperty("flash.bench.payouts", "1000").replace("_", ""));
        // 0: the Approvals inbox's bulk action (decideAll); more: decide per payout from that many callers at once
        int senders = Integer.getInteger("flash.bench.burstSenders", 0);
        String approvalAction =
                senders == 0 ? "bulk approval (decideAll)" : "decide per payout from " + senders + " senders";

        Path module = Files.exists(Path.of("portal", "pom.xml")) ? Path.of("portal") : Path.of(".");
        String portalFolder = module.toAbsolutePath().normalize().toString();
        System.setProperty("project.basedir", portalFolder);
        System.setProperty("vaadin.project.basedir", portalFolder);

        RegtestNetwork net = RegtestNetwork.shared();
        // two baselines and the payouts, direct channel (no routing fee), plus a margin for the commitment fees
        long liquiditySat = 3 * n * PAYOUT_SAT + 100_000;
        provideOutboundLiquidity(net, liquiditySat);
        System.out.printf("Merchant LND got %,d sat of outbound liquidity from the customer%n", liquiditySat);

        MariaDbServer mariaDb = MariaDbServer.shared();
        String jdbcUrl = mariaDb.createDatabase("payout_bulk_bench");
        BenchTemporal temporal = BenchTemporal.start();
        System.out.println("MariaDB:  " + jdbcUrl);
        System.out.println("Temporal: " + temporal.description() + " on " + temporal.target());

        UpdateSendTimes sendTimes = new UpdateSendTimes(ApprovalRequired.DECIDE);
        LndNode merchant = net.merchant();
        ConfigurableApplicationContext portal = new SpringApplicationBuilder(FlashApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton("benchmarkUpdateSendTimes", (WorkflowClientInterceptor) sendTimes))
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + mariaDb.username(),
                        "--spring.datasource.password=" + mariaDb.password(),
                        "--spring.temporal.connection.target=" + temporal.target(),
                        "--flash.bitcoin.network=REGTEST",
                        "--flash.bitcoin.rpc.url=" + net.btcdRpcUrl(),
                        "--flash.bitcoin.rpc.user=" + net.btcdRpcUser(),
                        "--flash.bitcoin.rpc.password=" + net.btcdRpcPassword(),
                        "--flash.bitcoin.rpc.tls-cert-path=" + net.btcdRpcCert(),
                        "--flash.lnd.host=" + merchant.host(),
                        "--flash.lnd.port=" + merchant.grpcPort(),
                        "--flash.lnd.tls-cert-path=" + merchant.tlsCert(),
                        "--flash.lnd.macaroon-path=" + merchant.adminMacaroon(),
                        "--vaadin.devmode.devTools.enabled=false",
                        "--logging.level.root=WARN",
                        // the ledger's create-if-missing inserts make the driver log each duplicate key it is told
                        "--logging.level.org.mariadb.jdbc.message.server.ErrorPacket=ERROR");
        try (LndLightningNode lnd = new LndLightningNode(new LndProperties(
                merchant.host(), merchant.grpcPort(), merchant.tlsCert(), merchant.adminMacaroon()))) {
            List<String> sequentialInvoices = customerInvoices(net, n, "baseline-seq");
            Timings sequential = baseline(lnd, sequentialInvoices, 1);
            requireSettled(net, sequentialInvoices);

            PayoutRun payouts = payouts(portal, net, n, senders, sendTimes);

            List<String> concurrentInvoices = customerInvoices(net, n, "baseline-par");
            Timings concurrent = baseline(lnd, concurrentInvoices, payouts.peakInFlight());
            requireSettled(net, concurrentInvoices);

            System.out.println();
            System.out.printf(
                    "N = %,d Lightning payouts of %,d sat over one regtest channel (merchant LND -> customer LND)%n",
                    n, PAYOUT_SAT);
            System.out.printf("%-58s %10s %10s %10s %10s%n", "", "total s", "p50 ms", "p99 ms", "x baseline");
            row("baseline: bare SendPaymentV2, sequential", sequential, sequential);
            row("baseline: bare SendPaymentV2, " + payouts.peakInFlight() + " in flight", concurrent, concurrent);
            row("payouts: approvals sent -> last Completed (vs sequential)", payouts.timings(), sequential);
            row("payouts: approvals sent -> last Completed (vs same in flight)", payouts.timings(), concurrent);
            System.out.printf(
                    "approval action: %s of %,d returned after %.1f s; payments in flight at the peak: %d%n",
                    approvalAction, n, payouts.decideAllSeconds(), payouts.peakInFlight());
            System.out.printf(
                    "per payout: approval sent -> Completed p50 %.0f ms, p99 %.0f ms; where it goes (p50 / p99 ms):%n",
                    percentile(payouts.timings().perItemMillis(), 50),
                    percentile(payouts.timings().perItemMillis(), 99));
            payouts.phases()
                    .forEach((name, values) -> System.out.printf(
                            "  %-50s %8.0f %8.0f%n", name, percentile(values, 50), percentile(values, 99)));
            System.out.printf(
                    "ratio payouts/baseline (totals): %.2fx against sequential, %.2fx against %d in flight%n",
                    payouts.timings().totalSeconds() / sequential.totalSeconds(),
                    payouts.timings().totalSeconds() / concurrent.totalSeconds(),
                    payouts.peakInFlight());
        } finally {
            portal.close();
            net.close();
        }
        System.exit(0);
    }

    /** Total wall time and each item's own latency. */
    record Timings(double totalSeconds, List<Double> perItemMillis) {}

    record PayoutRun(Timings timings, double decideAllSeconds, int peakInFlight, Map<String, List<Double>> phases) {}

    private static void provideOutboundLiquidity(RegtestNetwork net, long sats) {
        for (long left = sats; left > 0; left -= LIQUIDITY_INVOICE_SAT) {
            long amount = Math.min(left, LIQUIDITY_INVOICE_SAT);
            net.customerPayInvoice(net.merchantAddInvoice(Math.multiplyExact(amount, 1_000L), "outbound liquidity")
                    .getPaymentRequest());
        }
    }

    private static List<String> customerInvoices(RegtestNetwork net, int n, String memo) throws Exception {
        List<String> invoices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Invoice invoice = new Invoice();
            invoice.setValueMsat(PAYOUT_MSAT);
            invoice.setMemo(memo + "-" + i);
            invoice.setExpiry(24 * 3600L);
            invoices.add(net.customer().api().addInvoice(invoice).getPaymentRequest());
        }
        return invoices;
    }

    /** Pays every invoice with SendPaymentV2 from {@code concurrency} callers, each one payment at a time. */
    private static Timings baseline(LndLightningNode lnd, List<String> invoices, int concurrency) throws Exception {
        System.out.printf("Baseline: %,d bare SendPaymentV2 calls, %d in flight%n", invoices.size(), concurrency);
        Double[] millis = new Double[invoices.size()];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        try (ExecutorService callers = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                running.add(callers.submit(() -> {
                    for (int i = next.getAndIncrement(); i < invoices.size(); i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        pay(lnd, invoices.get(i));
                        millis[i] = (System.nanoTime() - t0) / 1e6;
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        }
        return new Timings((System.nanoTime() - start) / 1e9, List.of(millis));
    }

    private static void pay(LndLightningNode lnd, String bolt11) {
        LightningPayment payment = lnd.sendPayment(
                new OutgoingPayment(bolt11, 0, BASELINE_FEE_LIMIT_MSAT, Duration.ofSeconds(60)),
                Duration.ofSeconds(60));
        while (!payment.isFinal()) {
            payment = lnd.trackPayment(payment.paymentHash(), Duration.ofSeconds(60))
                    .orElseThrow();
        }
        if (payment.status() != LightningPaymentStatus.SUCCEEDED) {
            throw new IllegalStateException(
                    "baseline payment failed: " + payment.failureReason() + " " + payment.detail());
        }
    }

    private static PayoutRun payouts(
            ConfigurableApplicationContext portal, RegtestNetwork net, int n, int senders, UpdateSendTimes sendTimes)
            throws Exception {
        PayoutService payoutService = portal.getBean(PayoutService.class);
        ApprovalService approvals = portal.getBean(ApprovalService.class);
        PayoutRepository payouts = portal.getBean(PayoutRepository.class);
        Merchant merchant = merchantWithBalance(portal, Msat.ofSats(2 * n * PAYOUT_SAT + 1_000_000));

        List<String> invoices = customerInvoices(net, n, "payout");
        signIn("fiona", Role.FINANCE);
        long requestStart = System.nanoTime();
        List<String> payoutIds = new ArrayList<>(n);
        BigDecimal btc = BigDecimal.valueOf(PAYOUT_SAT).movePointLeft(8);
        for (String invoice : invoices) {
            PayoutRequestOutcome outcome =
                    payoutService.request(merchant.id(), new PayoutDraft(invoice, btc), PayoutOrigin.PORTAL);
            if (!(outcome instanceof PayoutRequestOutcome.Created created)) {
                throw new IllegalStateException("payout request refused: " + outcome);
            }
            payoutIds.add(created.payout().id());
        }
        System.out.printf(
                "Payouts: %,d requested in %.1f s; waiting for the approvals inbox%n",
                n, (System.nanoTime() - requestStart) / 1e9);

        signIn(APPROVER, Role.FINANCE);
        await("all payouts in the approvals inbox", () -> approvals.count() == n);
        List<InboxItem> inbox = approvals.inbox(0, n);

        Instant bulkStart = Instant.now();
        long bulkStartNanos = System.nanoTime();
        List<DecisionResult> decided = senders == 0
                ? approvals.decideAll(inbox, ApprovalVerdict.APPROVE, null)
                : decideInBurst(approvals, inbox, senders);
        double decideAllSeconds = (System.nanoTime() - bulkStartNanos) / 1e9;
        SecurityContextHolder.clearContext();
        for (DecisionResult result : decided) {
            if (!result.decided() || result.outcome() != ApprovalOutcome.APPROVED) {
                throw new IllegalStateException("not approved: " + result);
            }
        }
        await("all payouts Completed", () -> payouts.count(merchant.id(), PayoutState.COMPLETED) == n);
        requireSettled(net, invoices);
        return payoutRun(payouts, payoutIds, sendTimes, bulkStart, decideAllSeconds);
    }

    /**
     * The same decisions through {@code ApprovalService.decide}, one per payout, from {@code senders} concurrent
     * callers: what the workflows achieve when the approvals are not sent one after the other.
     */
    private static List<DecisionResult> decideInBurst(ApprovalService approvals, List<InboxItem> inbox, int senders)
            throws Exception {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        DecisionResult[] results = new DecisionResult[inbox.size()];
        AtomicInteger next = new AtomicInteger();
        try (ExecutorService callers = Executors.newFixedThreadPool(senders)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < senders; c++) {
                running.add(callers.submit(() -> {
                    SecurityContextHolder.getContext().setAuthentication(authentication);
                    for (int i = next.getAndIncrement(); i < inbox.size(); i = next.getAndIncrement()) {
                        InboxItem item = inbox.get(i);
                        results[i] = approvals.decide(item.subjectId(), item.revision(), ApprovalVerdict.APPROVE, null);
                    }
                    return null;
                }));
            }
            for (Future<?> caller : running) {
                caller.get();
            }
        }
        return List.of(results);
    }

    /** Per payout, from the stored timeline: approval recorded, payment started (In progress), Completed. */
    private static PayoutRun payoutRun(
            PayoutRepository payouts,
            List<String> payoutIds,
            UpdateSendTimes updates,
            Instant bulkStart,
            double decideAll) {
        Map<String, Instant> recorded = new HashMap<>();
        Map<String, Instant> awaitingPayment = new HashMap<>();
        Map<String, Instant> inProgress = new HashMap<>();
        Map<String, Instant> completed = new HashMap<>();
        for (String id : payoutIds) {
            for (PayoutEvent event : payouts.timeline(id)) {
                switch (event.state()) {
                    case AWAITING_APPROVAL -> {
                        if (APPROVER.equals(event.actor())) {
                            recorded.putIfAbsent(id, event.at());
                        }
                    }
                    case AWAITING_PAYMENT -> awaitingPayment.putIfAbsent(id, event.at());
                    case IN_PROGRESS -> inProgress.putIfAbsent(id, event.at());
                    case COMPLETED -> completed.putIfAbsent(id, event.at());
                    default -> {}
                }
            }
        }
        Map<String, Instant> sent = updates.sentByWorkflowId();
        Map<String, Instant> returned = updates.returnedByWorkflowId();
        List<Double> sentToCompleted = new ArrayList<>();
        Map<String, List<Double>> phases = new java.util.LinkedHashMap<>();
        Instant last = bulkStart;
        for (String id : payoutIds) {
            Instant sentAt = sent.get(PayoutWorkflow.workflowId(id));
            Instant returnedAt = returned.get(PayoutWorkflow.workflowId(id));
            List<Instant> steps =
                    Arrays.asList(recorded.get(id), awaitingPayment.get(id), inProgress.get(id), completed.get(id));
            if (sentAt == null || returnedAt == null || steps.stream().anyMatch(Objects::isNull)) {
                throw new IllegalStateException("payout " + id + " lacks a step or its approval's send time: sent "
                        + sentAt + ", returned " + returnedAt + ", steps " + steps);
            }
            Instant done = completed.get(id);
            sentToCompleted.add(millis(sentAt, done));
            phase(phases, "approval sent -> decide update returned", millis(sentAt, returnedAt));
            phase(phases, "approval sent -> decision step stored", millis(sentAt, recorded.get(id)));
            phase(phases, "decision stored -> Awaiting payment stored", millis(recorded.get(id), steps.get(1)));
            phase(phases, "Awaiting payment -> In progress stored", millis(steps.get(1), steps.get(2)));
            phase(phases, "In progress -> Completed stored (the payment)", millis(steps.get(2), done));
            last = done.isAfter(last) ? done : last;
        }
        int peak = peakOverlap(payoutIds, inProgress, completed);
        return new PayoutRun(
                new Timings(Duration.between(bulkStart, last).toNanos() / 1e9, sentToCompleted),
                decideAll,
                peak,
                phases);
    }

    private static void phase(Map<String, List<Double>> phases, String name, double millis) {
        phases.computeIfAbsent(name, key -> new ArrayList<>()).add(millis);
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** The most payouts between In progress and Completed at one moment. */
    private static int peakOverlap(List<String> ids, Map<String, Instant> starts, Map<String, Instant> ends) {
        List<long[]> edges = new ArrayList<>();
        for (String id : ids) {
            edges.add(new long[] {micros(starts.get(id)), 1});
            edges.add(new long[] {micros(ends.get(id)), -1});
        }
        edges.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int inFlight = 0;
        int peak = 1;
        for (long[] edge : edges) {
            inFlight += (int) edge[1];
            peak = Math.max(peak, inFlight);
        }
        return peak;
    }

    private static long micros(Instant at) {
        return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
    }

    private static void requireSettled(RegtestNetwork net, List<String> invoices) throws Exception {
        long settled = 0;
        for (String bolt11 : invoices) {
            String hash = net.customer().api().decodePayReq(bolt11).getPaymentHash();
            Invoice invoice = net.customer().api().lookupInvoice(hash, null);
            if (invoice.getState() == Invoice.InvoiceState.SETTLED && invoice.getAmtPaidMsat() == PAYOUT_MSAT) {
                settled++;
            }
        }
        if (settled != invoices.size()) {
            throw new IllegalStateException(settled + " of " + invoices.size() + " customer invoices settled");
        }
    }

    private static Merchant merchantWithBalance(ConfigurableApplicationContext portal, Msat amount) {
        Merchant merchant =
                portal.getBean(MerchantRepository.class).create(NewMerchant.withDefaults("Bulk payouts", "BTC"));
        LedgerRepository ledger = portal.getBean(LedgerRepository.class);
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), amount),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), amount))));
        return merchant;
    }

    private static void signIn(String username, Role role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, "n/a", List.of(new SimpleGrantedAuthority(role.authority()))));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + COMPLETION_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static void row(String name, Timings timings, Timings baseline) {
        System.out.printf(
                "%-58s %10.1f %10.0f %10.0f %10.2f%n",
                name,
                timings.totalSeconds(),
                percentile(timings.perItemMillis(), 50),
                percentile(timings.perItemMillis(), 99),
                timings.totalSeconds() / baseline.totalSeconds());
    }

    private static double percentile(List<Double> millis, int percent) {
        double[] sorted =
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)];
    }
}
