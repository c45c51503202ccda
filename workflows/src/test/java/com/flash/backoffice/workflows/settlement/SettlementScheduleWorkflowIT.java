package com.flash.backoffice.workflows.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRun;
import com.flash.backoffice.db.settlement.SettlementRunStatus;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.db.settlement.SettlementTrigger;
import com.flash.backoffice.db.settlement.SkipReason;
import com.flash.backoffice.db.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schedule workflow with its real activities on MariaDB; the payout port reserves through the payout repository
 * as the portal's does (without starting a payout workflow). Temporal's time skipping covers the hours and days.
 */
class SettlementScheduleWorkflowIT {

    /** A Tuesday afternoon. */
    private static final Instant START = Instant.parse("2025-06-10T15:00:00Z");

    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .setInitialTime(START)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static DSLContext dsl;
    private static SettlementScheduleRepository schedules;
    private static LedgerRepository ledger;
    private static PayoutRepository payouts;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("settlement_workflow_it");
        dsl = database.dsl();
        schedules = new SettlementScheduleRepository(dsl);
        ledger = new LedgerRepository(dsl);
        payouts = new PayoutRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_daily_schedule_requests_the_payable_balance_at_its_time_and_skips_while_that_payout_is_open(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1daily", 1_000_000);
        start(client, merchant, SettlementPlan.daily(9 * 60));

        env.sleep(Duration.between(START, Instant.parse("2025-06-11T09:01:00Z")));

        SettlementRun first = onlyRun(merchant);
        assertThat(first.periodKey()).isEqualTo("2025-06-11T09:00:00Z");
        assertThat(first.trigger()).isEqualTo(SettlementTrigger.SCHEDULED);
        assertThat(first.status()).isEqualTo(SettlementRunStatus.REQUESTED);
        Payout payout = payouts.findById(first.payoutId()).orElseThrow();
        assertThat(payout.amountMsat()).isEqualTo(1_000_000);
        assertThat(payout.destination()).isEqualTo("lnbcrt1daily");
        assertThat(payout.origin()).isEqualTo(PayoutOrigin.SCHEDULE);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ZERO);
        assertThat(workflow(client, merchant).nextRunAtMillis())
                .isEqualTo(Instant.parse("2025-06-12T09:00:00Z").toEpochMilli());

        fund(merchant, 300_000);
        env.sleep(Duration.ofDays(1));

        assertThat(runsOldestFirst(merchant))
                .extracting(SettlementRun::periodKey, SettlementRun::skipReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2025-06-11T09:00:00Z", null),
                        org.assertj.core.groups.Tuple.tuple("2025-06-12T09:00:00Z", SkipReason.OPEN_PAYOUT));
    }

    @Test
    void a_weekly_schedule_runs_on_its_weekday_only(TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1weekly", 0);
        start(client, merchant, SettlementPlan.weekly(DayOfWeek.FRIDAY, 17 * 60));

        env.sleep(Duration.ofDays(10).plusHours(3));

        assertThat(runsOldestFirst(merchant))
                .extracting(SettlementRun::periodKey, SettlementRun::skipReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2025-06-13T17:00:00Z", SkipReason.NOTHING_PAYABLE),
                        org.assertj.core.groups.Tuple.tuple("2025-06-20T17:00:00Z", SkipReason.NOTHING_PAYABLE));
    }

    @Test
    void a_threshold_schedule_checks_every_hour_and_requests_once_the_balance_reaches_the_threshold(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1threshold", 1_500_000);
        start(client, merchant, SettlementPlan.threshold(2_000_000, 30));

        env.sleep(Duration.ofMinutes(95)); // 15:30 and 16:30
        fund(merchant, 500_000);
        env.sleep(Duration.ofHours(1)); // 17:30

        List<SettlementRun> runs = runsOldestFirst(merchant);
        assertThat(runs)
                .extracting(SettlementRun::periodKey, SettlementRun::status, SettlementRun::skipReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-10T15:30:00Z", SettlementRunStatus.SKIPPED, SkipReason.BELOW_THRESHOLD),
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-10T16:30:00Z", SettlementRunStatus.SKIPPED, SkipReason.BELOW_THRESHOLD),
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-10T17:30:00Z", SettlementRunStatus.REQUESTED, null));
        assertThat(runs.getFirst().detail()).isEqualTo("0.00001500 BTC payable, threshold 0.00002000 BTC");
        assertThat(payouts.findById(runs.getLast().payoutId()).orElseThrow().amountMsat())
                .isEqualTo(2_000_000);
    }

    @Test
    void a_paused_schedule_runs_nothing_and_resumes_from_the_next_period_without_catching_up(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1paused", 1_000_000);
        start(client, merchant, SettlementPlan.daily(9 * 60));
        SettlementScheduleWorkflows.pause(client, merchant.id());
        // the pause is a signal: time may skip only once the workflow has taken it (else its timer fired first)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> workflow(client, merchant).nextRunAtMillis() == null);

        env.sleep(Duration.ofDays(3));

        assertThat(schedules.runs(merchant.id(), 10)).isEmpty();
        assertThat(workflow(client, merchant).nextRunAtMillis()).isNull();

        SettlementScheduleWorkflows.resume(client, merchant.id()); // 2025-06-13T15:00Z
        env.sleep(Duration.ofHours(19));

        assertThat(onlyRun(merchant).periodKey()).isEqualTo("2025-06-14T09:00:00Z");
        assertThat(onlyRun(merchant).status()).isEqualTo(SettlementRunStatus.REQUESTED);
    }

    @Test
    void a_schedule_paused_in_the_database_records_its_period_as_paused(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1dbpaused", 1_000_000);
        start(client, merchant, SettlementPlan.daily(9 * 60));
        schedules.setPaused(merchant.id(), 0, true, "finance");

        env.sleep(Duration.ofDays(1));

        assertThat(onlyRun(merchant).skipReason()).isEqualTo(SkipReason.PAUSED);
        assertThat(payouts.count(merchant.id(), null)).isZero();
    }

    @Test
    void trigger_now_runs_a_period_at_once_outside_the_plan(TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1now", 700_000);
        start(client, merchant, SettlementPlan.weekly(DayOfWeek.MONDAY, 0));
        env.sleep(Duration.ofMinutes(10));

        SettlementScheduleWorkflows.triggerNow(client, merchant.id());
        env.sleep(Duration.ofMinutes(1));

        SettlementRun run = onlyRun(merchant);
        assertThat(run.trigger()).isEqualTo(SettlementTrigger.NOW);
        assertThat(run.periodKey()).startsWith("now-2025-06-10T15:10");
        assertThat(run.status()).isEqualTo(SettlementRunStatus.REQUESTED);
        assertThat(payouts.findById(run.payoutId()).orElseThrow().amountMsat()).isEqualTo(700_000);
        assertThat(workflow(client, merchant).nextRunAtMillis())
                .isEqualTo(Instant.parse("2025-06-16T00:00:00Z").toEpochMilli());
    }

    @Test
    void a_backfill_runs_each_missed_period_in_order_and_only_the_first_finds_the_cumulative_balance(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1backfill", 900_000);
        start(client, merchant, SettlementPlan.daily(9 * 60));

        SettlementScheduleWorkflows.backfill(
                client,
                merchant.id(),
                Backfill.of(Instant.parse("2025-06-07T00:00:00Z"), Instant.parse("2025-06-12T00:00:00Z")));
        env.sleep(Duration.ofMinutes(1));

        assertThat(runsOldestFirst(merchant))
                .extracting(SettlementRun::periodKey, SettlementRun::trigger, SettlementRun::skipReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2025-06-07T09:00:00Z", SettlementTrigger.BACKFILL, null),
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-08T09:00:00Z", SettlementTrigger.BACKFILL, SkipReason.NOTHING_PAYABLE),
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-09T09:00:00Z", SettlementTrigger.BACKFILL, SkipReason.NOTHING_PAYABLE),
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-06-10T09:00:00Z", SettlementTrigger.BACKFILL, SkipReason.NOTHING_PAYABLE));
        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);

        SettlementScheduleWorkflows.backfill(
                client,
                merchant.id(),
                Backfill.of(Instant.parse("2025-06-07T00:00:00Z"), Instant.parse("2025-06-08T00:00:00Z")));
        env.sleep(Duration.ofMinutes(1));

        assertThat(runsOldestFirst(merchant))
                .hasSize(4)
                .first()
                .satisfies(run -> assertThat(run.status()).isEqualTo(SettlementRunStatus.REQUESTED));
        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);
    }

    @Test
    void a_merchant_without_payout_destination_is_skipped_with_that_reason(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant(null, 1_000_000);
        start(client, merchant, SettlementPlan.daily(16 * 60));

        env.sleep(Duration.ofHours(2));

        assertThat(onlyRun(merchant).skipReason()).isEqualTo(SkipReason.NO_DESTINATION);
    }

    @Test
    void the_workflow_continues_as_new_after_a_hundred_periods_and_keeps_its_plan(
            TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1long", 0);
        start(client, merchant, SettlementPlan.threshold(1_000, 0));
        String firstRunId = WorkflowStub.fromTyped(workflow(client, merchant))
                .getExecution()
                .getRunId();

        env.sleep(Duration.ofHours(SettlementScheduleWorkflowImpl.PERIODS_PER_RUN + 3)
                .plusMinutes(30));

        List<SettlementRun> runs = runsOldestFirst(merchant);
        assertThat(runs).hasSize(SettlementScheduleWorkflowImpl.PERIODS_PER_RUN + 3);
        assertThat(runs.get(SettlementScheduleWorkflowImpl.PERIODS_PER_RUN).periodKey())
                .isEqualTo("2025-06-14T20:00:00Z");
        String currentRunId = client.newUntypedWorkflowStub(SettlementScheduleWorkflow.workflowId(merchant.id()))
                .describe()
                .getExecution()
                .getRunId();
        assertThat(currentRunId).isNotEqualTo(firstRunId);
        assertThat(workflow(client, merchant).nextRunAtMillis())
                .isEqualTo(Instant.parse("2025-06-14T23:00:00Z").toEpochMilli());
    }

    @Test
    void cancelling_ends_the_workflow_before_its_next_period(TestWorkflowEnvironment env, WorkflowClient client) {
        startWorker(env);
        Merchant merchant = merchant("lnbcrt1cancel", 1_000_000);
        start(client, merchant, SettlementPlan.daily(9 * 60));

        SettlementScheduleWorkflows.cancel(client, merchant.id());

        SettlementEnd end = client.newUntypedWorkflowStub(SettlementScheduleWorkflow.workflowId(merchant.id()))
                .getResult(SettlementEnd.class);
        assertThat(end).isEqualTo(SettlementEnd.CANCELLED);
        env.sleep(Duration.ofDays(2));
        assertThat(schedules.runs(merchant.id(), 10)).isEmpty();
    }

    /** Reserves through the payout repository, as the portal's port does, without starting a payout workflow. */
    static final class ReservingPayouts implements ScheduledPayouts {

        @Override
        public ScheduledPayoutOutcome request(String merchantId, String destination, long amountMsat, String key) {
            PayoutRequestResult result = payouts.request(new NewPayout(
                    merchantId,
                    destination,
                    PayoutDestinationKind.BOLT11,
                    amountMsat,
                    0,
                    PayoutOrigin.SCHEDULE,
                    "schedule"));
            return switch (result) {
                case PayoutRequestResult.Created created ->
                    ScheduledPayoutOutcome.requested(created.payout().id());
                case PayoutRequestResult.Overdraft overdraft ->
                    ScheduledPayoutOutcome.refused(
                            SkipReason.NOTHING_PAYABLE, overdraft.available().toBtcString());
                case PayoutRequestResult.DuplicateDestination duplicate ->
                    ScheduledPayoutOutcome.refused(SkipReason.OPEN_PAYOUT, "payout " + duplicate.existingPayoutId());
                case PayoutRequestResult.UnknownMerchant unknown ->
                    ScheduledPayoutOutcome.refused(SkipReason.MERCHANT_NOT_FOUND, null);
            };
        }
    }

    private static void startWorker(TestWorkflowEnvironment env) {
        SettlementScheduleWorker.register(
                env.newWorker(SettlementScheduleWorkflow.TASK_QUEUE),
                new SettlementActivitiesImpl(
                        schedules, new MerchantRepository(dsl), ledger, payouts, new ReservingPayouts()));
        env.start();
    }

    private static void start(WorkflowClient client, Merchant merchant, SettlementPlan plan) {
        schedules.create(merchant.id(), plan, "finance").orElseThrow();
        SettlementScheduleWorkflows.start(client, SettlementScheduleState.first(merchant.id(), plan, false));
    }

    private static SettlementScheduleWorkflow workflow(WorkflowClient client, Merchant merchant) {
        return client.newWorkflowStub(
                SettlementScheduleWorkflow.class, SettlementScheduleWorkflow.workflowId(merchant.id()));
    }

    private static List<SettlementRun> runsOldestFirst(Merchant merchant) {
        return schedules.runs(merchant.id(), 1_000).reversed();
    }

    private static SettlementRun onlyRun(Merchant merchant) {
        List<SettlementRun> runs = schedules.runs(merchant.id(), 10);
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    private static Merchant merchant(String payoutDestination, long balanceMsat) {
        Merchant merchant = new MerchantRepository(dsl)
                .create(new NewMerchant(
                        "Settled shop " + MERCHANTS.incrementAndGet(),
                        "EUR",
                        null,
                        null,
                        SpeedPolicy.MEDIUM,
                        15,
                        1440,
                        BigDecimal.ZERO,
                        new BigDecimal("1.00"),
                        payoutDestination,
                        PayoutSchedule.MANUAL,
                        OnchainCustody.MERCHANT_WALLET));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        if (balanceMsat > 0) {
            fund(merchant, balanceMsat);
        }
        return merchant;
    }

    private static void fund(Merchant merchant, long msat) {
        ledger.post(new JournalEntry(
                "funding-" + merchant.id() + "-" + msat + "-" + System.nanoTime(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(msat)))));
    }
}
