package com.flash.backoffice.workflows.payment;

import ch.qos.logback.classic.Level;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a kill-test worker JVM ({@link KillWorkerProcess}): its connections from the environment
 * ({@link #environment}), the kill plan from its first argument ({@link KillStep} or {@link KillWorkerProcess#NO_PLAN}),
 * the workers the test registers, {@code READY} once built, polling from {@code GO}, and an exit when stdin closes, so
 * it never outlives the test.
 */
public final class KillWorkerMain {

    /** A dead worker's payment is noticed in about two seconds and retried at once: every retry must be safe. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(2);

    public static final Duration STICKY_TIMEOUT = Duration.ofSeconds(1);
    static final Duration TRACK_INTERVAL = Duration.ofMillis(500);

    private static final String TEMPORAL = "FLASH_KILL_TEMPORAL";
    private static final String JDBC_URL = "FLASH_KILL_JDBC_URL";
    private static final String JDBC_USER = "FLASH_KILL_JDBC_USER";
    private static final String JDBC_PASSWORD = "FLASH_KILL_JDBC_PASSWORD";
    private static final String LND_HOST = "FLASH_KILL_LND_HOST";
    private static final String LND_PORT = "FLASH_KILL_LND_PORT";
    private static final String LND_CERT = "FLASH_KILL_LND_CERT";
    private static final String LND_MACAROON = "FLASH_KILL_LND_MACAROON";

    /** What a worker's activities are built on: the database, Temporal, and the paying node with its kill points. */
    public record Connections(DSLContext dsl, WorkflowClient client, LightningNode node) {}

    /** Puts the test's workflows and activities on the factory. */
    @FunctionalInterface
    public interface Registration {
        void register(WorkerFactory factory, Connections connections, KillPoints points);
    }

    private KillWorkerMain() {}

    /** The environment a worker needs: Temporal's frontend, the database and the paying LND. */
    public static Map<String, String> environment(
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

    /** The environment for a worker on the shared test MariaDB and Temporal server, paying from the merchant LND. */
    public static Map<String, String> environment(
            com.flash.backoffice.workflows.testsupport.TemporalCliServer temporal,
            com.flash.backoffice.db.testsupport.TestDatabase database,
            com.flash.backoffice.workflows.regtest.RegtestNetwork net) {
        com.flash.backoffice.db.testsupport.MariaDbServer mariaDb =
                com.flash.backoffice.db.testsupport.MariaDbServer.shared();
        return environment(
                temporal.target(),
                database.jdbcUrl(),
                mariaDb.username(),
                mariaDb.password(),
                new LndProperties(
                        net.merchant().host(),
                        net.merchant().grpcPort(),
                        net.merchant().tlsCert(),
                        net.merchant().adminMacaroon()));
    }

    public static void run(String[] args, Registration registration) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        PrintStream out = System.out;
        KillPoints points =
                new KillPoints(KillWorkerProcess.NO_PLAN.equals(args[0]) ? null : KillStep.valueOf(args[0]), out);

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
        registration.register(factory, new Connections(dsl, client, new KillPointLightningNode(lnd, points)), points);

        // the connections are opened before GO, so the take-over starts polling at once
        lnd.identityPubkey();
        dsl.selectOne().fetch();
        out.println(KillWorkerProcess.READY);
        out.flush();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (KillWorkerProcess.GO.equals(stdin.readLine())) {
            factory.start();
            while (stdin.readLine() != null) {
                // the test holds stdin open while this worker should live
            }
        }
        Runtime.getRuntime().halt(0);
    }

    /** The real payment activity over {@code node} (Lightning only: a kill test pays no on-chain destination). */
    public static PaymentActivitiesImpl payments(DSLContext dsl, LightningNode node) {
        PaymentRepository paymentRepository = new PaymentRepository(dsl);
        PaymentDestinations destinations = new NodePaymentDestinations(node, ChainNetwork.REGTEST, Clock.systemUTC());
        return new PaymentActivitiesImpl(
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
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: start the worker through its kill test");
        }
        return value;
    }
}
