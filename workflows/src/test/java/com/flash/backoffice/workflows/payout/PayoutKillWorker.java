package com.flash.backoffice.workflows.payout;

import ch.qos.logback.classic.Level;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.workflows.approval.ApprovalActivities;
import com.flash.backoffice.workflows.approval.ApprovalActivitiesImpl;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.payment.DecodedBolt11;
import com.flash.backoffice.workflows.payment.LightningPayments;
import com.flash.backoffice.workflows.payment.LnurlDestinationResolver;
import com.flash.backoffice.workflows.payment.LnurlPayProperties;
import com.flash.backoffice.workflows.payment.LnurlPayResolver;
import com.flash.backoffice.workflows.payment.NodePaymentDestinations;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentActivitiesImpl;
import com.flash.backoffice.workflows.payment.PaymentDestinations;
import com.flash.backoffice.workflows.payment.PaymentProperties;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill test's worker, a JVM of its own: the real payout, payment (over the merchant's LND) and approval
 * activities on the real database, the real payout workflow, with the kill points of its plan ({@link KillStep} or
 * {@code NONE}, the first argument). It prints {@code READY} once built and starts polling when stdin says {@code GO};
 * it exits when stdin closes, so it never outlives the test. Its connections come from the environment
 * ({@link #environment}).
 */
final class PayoutKillWorker {

    static final String READY = "READY";
    static final String GO = "GO";
    static final String NO_PLAN = "NONE";

    /** Dead worker noticed in about two seconds, retried at once (every retry is safe: that is what is tested). */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);

    static final Duration SAVE_TIMEOUT = Duration.ofSeconds(3);
    static final Duration STICKY_TIMEOUT = Duration.ofSeconds(1);
    static final Duration TRACK_INTERVAL = Duration.ofMillis(500);

    private static final String TEMPORAL = "FLASH_KILL_TEMPORAL";
    private static final String JDBC_URL = "FLASH_KILL_JDBC_URL";
    private static final String JDBC_USER = "FLASH_KILL_JDBC_USER";
    private static final String JDBC_PASSWORD = "FLASH_KILL_JDBC_PASSWORD";
    private static final String LND_HOST = "FLASH_KILL_LND_HOST";
    private static final String LND_PORT = "FLASH_KILL_LND_PORT";
    private static final String LND_CERT = "FLASH_KILL_LND_CERT";
    private static final String LND_MACAROON = "FLASH_KILL_LND_MACAROON";

    private PayoutKillWorker() {}

    /** The environment a worker needs: Temporal's frontend, the database and the merchant's LND. */
    static Map<String, String> environment(
            String temporalTarget, String jdbcUrl, String user, String password, LndProperties lnd) {
        return Map.of(
                TEMPORAL,
                temporalTarget,
                JDBC_URL,
                jdbcUrl,
                JDBC_USER,
                user,
                JDBC_PASSWORD,
                password,
                LND_HOST,
                lnd.host(),
                LND_PORT,
                String.valueOf(lnd.port()),
                LND_CERT,
                lnd.tlsCertPath().toString(),
                LND_MACAROON,
                lnd.macaroonPath().toString());
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        PrintStream out = System.out;
        KillPoints points = new KillPoints(NO_PLAN.equals(args[0]) ? null : KillStep.valueOf(args[0]), out);

        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env(JDBC_URL));
        config.setUsername(env(JDBC_USER));
        config.setPassword(System.getenv().getOrDefault(JDBC_PASSWORD, ""));
        config.setMaximumPoolSize(6);
        HikariDataSource dataSource = new HikariDataSource(config);
        DSLContext dsl = DSL.using(dataSource, SQLDialect.MARIADB);
        WorkflowClient client = WorkflowClient.newInstance(
                WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(env(TEMPORAL))
                        .build()),
                WorkflowClientOptions.newBuilder().setNamespace("default").build());
        LndLightningNode lnd = new LndLightningNode(new LndProperties(
                env(LND_HOST), Integer.valueOf(env(LND_PORT)), Path.of(env(LND_CERT)), Path.of(env(LND_MACAROON))));

        WorkerFactory factory = WorkerFactory.newInstance(client);
        register(factory, dsl, client, new KillPointLightningNode(lnd, points), points);

        // the connections are opened before GO, so the take-over starts polling at once
        lnd.identityPubkey();
        dsl.selectOne().fetch();
        out.println(READY);
        out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (GO.equals(stdin.readLine())) {
            factory.start();
            while (stdin.readLine() != null) {
                // the test holds stdin open while this worker should live
            }
        }
        Runtime.getRuntime().halt(0);
    }

    private static void register(
            WorkerFactory factory, DSLContext dsl, WorkflowClient client, LightningNode node, KillPoints points) {
        WorkerOptions options = WorkerOptions.newBuilder()
                .setStickyQueueScheduleToStartTimeout(STICKY_TIMEOUT)
                .build();
        PaymentRepository paymentRepository = new PaymentRepository(dsl);
        PaymentDestinations destinations = new NodePaymentDestinations(node, ChainNetwork.REGTEST, Clock.systemUTC());
        PaymentActivitiesImpl payments = new PaymentActivitiesImpl(
                paymentRepository,
                destinations,
                new LightningPayments(
                        node,
                        paymentRepository,
                        destinations,
                        new LnurlDestinationResolver(new LnurlPayResolver(
                                LnurlPayProperties.defaults(),
                                bolt11 -> new DecodedBolt11(
                                        node.decode(bolt11).amountMsat(),
                                        node.decode(bolt11).descriptionHash()))),
                        new PaymentProperties(Duration.ofSeconds(30), TRACK_INTERVAL)),
                (payment, heartbeat) -> {
                    throw new AssertionError("the kill test pays no on-chain destination: " + payment.paymentId());
                });
        PayoutActivitiesImpl payouts = new PayoutActivitiesImpl(
                new PayoutRepository(dsl),
                new PayoutWebhooks(new com.flash.backoffice.workflows.webhook.PayoutEventWebhooks(
                        new WebhookRepository(dsl), client)),
                message -> {});

        Worker payoutWorker = factory.newWorker(PayoutWorkflow.TASK_QUEUE, options);
        payoutWorker.registerWorkflowImplementationTypes(
                WorkflowImplementationOptions.newBuilder()
                        .setActivityOptions(fastActivityOptions())
                        .build(),
                PayoutWorkflowImpl.class);
        payoutWorker.registerActivitiesImplementations(new KillPointPayoutActivities(payouts, points));
        PaymentWorker.register(
                factory.newWorker(PaymentActivities.TASK_QUEUE, options),
                new KillPointPaymentActivities(payments, points));
        factory.newWorker(ApprovalActivities.TASK_QUEUE, options)
                .registerActivitiesImplementations(new ApprovalActivitiesImpl(dsl, reminder -> {}));
    }

    /** Per activity type, over the workflow's own options: seconds instead of the production minutes. */
    static Map<String, ActivityOptions> fastActivityOptions() {
        RetryOptions retryAtOnce = RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100))
                .setMaximumInterval(Duration.ofMillis(500))
                .build();
        Map<String, ActivityOptions> options = new HashMap<>();
        options.put(
                "PaymentPay",
                ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(15))
                        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                        .setRetryOptions(retryAtOnce.toBuilder()
                                .setDoNotRetry(PaymentActivities.CONFLICTING_ORDER)
                                .build())
                        .build());
        for (String type : List.of("PayoutAnnounceRequest", "PayoutSaveStep", "PayoutNotifyMerchant")) {
            options.put(
                    type,
                    ActivityOptions.newBuilder()
                            .setStartToCloseTimeout(SAVE_TIMEOUT)
                            .setRetryOptions(retryAtOnce)
                            .build());
        }
        return options;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the worker through PayoutKillRegtestIT");
        }
        return value;
    }
}
