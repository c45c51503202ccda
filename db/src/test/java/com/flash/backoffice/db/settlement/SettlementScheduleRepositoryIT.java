package com.flash.backoffice.db.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Settlement schedules and their run log on MariaDB: one schedule per merchant, one outcome per period key. */
class SettlementScheduleRepositoryIT {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();
    private static final Instant PERIOD = Instant.parse("2025-06-11T09:00:00Z");
    private static final String KEY = "2025-06-11T09:00:00Z";

    private static TestDatabase database;
    private static DSLContext dsl;
    private static SettlementScheduleRepository schedules;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("settlement_schedule_it");
        dsl = database.dsl();
        schedules = new SettlementScheduleRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_schedule_reads_back_as_stored_and_a_merchant_has_one_schedule_only() {
        Merchant merchant = merchant();

        SettlementSchedule created = schedules
                .create(merchant.id(), SettlementPlan.weekly(DayOfWeek.FRIDAY, 17 * 60 + 30), "finance")
                .orElseThrow();

        assertThat(schedules.find(merchant.id())).contains(created);
        assertThat(created.plan()).isEqualTo(SettlementPlan.weekly(DayOfWeek.FRIDAY, 1050));
        assertThat(created.paused()).isFalse();
        assertThat(created.revision()).isZero();
        assertThat(created.createdBy()).isEqualTo("finance");
        assertThat(schedules.create(merchant.id(), SettlementPlan.daily(0), "admin"))
                .isEmpty();
        assertThat(schedules.find(merchant.id())).contains(created);
    }

    @Test
    void edits_pauses_and_resumes_carry_the_revision_they_read() {
        Merchant merchant = merchant();
        SettlementSchedule created = schedules
                .create(merchant.id(), SettlementPlan.daily(60), "finance")
                .orElseThrow();

        assertThat(schedules.update(merchant.id(), 0, SettlementPlan.threshold(5_000_000, 15), "admin"))
                .isEqualTo(ScheduleChange.SAVED);
        assertThat(schedules.update(merchant.id(), 0, SettlementPlan.daily(0), "finance"))
                .isEqualTo(ScheduleChange.STALE_REVISION);
        assertThat(schedules.setPaused(merchant.id(), 1, true, "finance")).isEqualTo(ScheduleChange.SAVED);
        assertThat(schedules.setPaused(merchant.id(), 2, true, "finance")).isEqualTo(ScheduleChange.UNCHANGED);
        assertThat(schedules.setPaused(merchant.id(), 1, false, "finance")).isEqualTo(ScheduleChange.STALE_REVISION);
        assertThat(schedules.setPaused("no-such-merchant", 0, true, "finance")).isEqualTo(ScheduleChange.NOT_FOUND);

        SettlementSchedule stored = schedules.find(merchant.id()).orElseThrow();
        assertThat(stored.plan()).isEqualTo(SettlementPlan.threshold(5_000_000, 15));
        assertThat(stored.paused()).isTrue();
        assertThat(stored.revision()).isEqualTo(2);
        assertThat(stored.updatedBy()).isEqualTo("finance");
        assertThat(stored.createdAt()).isEqualTo(created.createdAt());
    }

    @Test
    void a_period_key_runs_once_a_final_outcome_is_never_replaced() {
        Merchant merchant = scheduled(merchant());
        String payoutId = payout(merchant);

        SettlementRun claim = schedules.record(
                SettlementRun.requesting(merchant.id(), KEY, PERIOD, SettlementTrigger.SCHEDULED, 400_000));
        assertThat(claim.status()).isEqualTo(SettlementRunStatus.REQUESTING);
        SettlementRun requested = schedules.record(claim.requested(payoutId, 400_000));
        SettlementRun later = schedules.record(SettlementRun.skipped(
                merchant.id(), KEY, PERIOD, SettlementTrigger.BACKFILL, SkipReason.NOTHING_PAYABLE, 0L, null));
        SettlementRun reclaimed =
                schedules.record(SettlementRun.requesting(merchant.id(), KEY, PERIOD, SettlementTrigger.BACKFILL, 1));

        assertThat(requested.status()).isEqualTo(SettlementRunStatus.REQUESTED);
        assertThat(requested.payoutId()).isEqualTo(payoutId);
        assertThat(later).isEqualTo(requested);
        assertThat(reclaimed).isEqualTo(requested);
        assertThat(schedules.runs(merchant.id(), 10)).singleElement().satisfies(run -> {
            assertThat(run.trigger()).isEqualTo(SettlementTrigger.SCHEDULED);
            assertThat(run.amountMsat()).isEqualTo(400_000L);
            assertThat(run.describe()).isEqualTo("Payout " + payoutId + " requested");
        });
    }

    @Test
    void a_claim_left_by_a_crashed_attempt_takes_the_retrys_outcome() {
        Merchant merchant = scheduled(merchant());
        schedules.record(SettlementRun.requesting(merchant.id(), KEY, PERIOD, SettlementTrigger.NOW, 400_000));

        SettlementRun again =
                schedules.record(SettlementRun.requesting(merchant.id(), KEY, PERIOD, SettlementTrigger.NOW, 400_000));
        SettlementRun skipped = schedules.record(SettlementRun.skipped(
                merchant.id(), KEY, PERIOD, SettlementTrigger.NOW, SkipReason.NO_DESTINATION, null, "none set"));

        assertThat(again.status()).isEqualTo(SettlementRunStatus.REQUESTING);
        assertThat(skipped.status()).isEqualTo(SettlementRunStatus.SKIPPED);
        assertThat(skipped.describe()).isEqualTo("The merchant has no payout destination: none set");
        assertThat(schedules.runs(merchant.id(), 10)).containsExactly(skipped);
    }

    @Test
    void concurrent_records_of_one_period_leave_one_row_with_the_first_final_outcome() throws Exception {
        Merchant merchant = scheduled(merchant());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<SettlementRun>> calls = java.util.stream.IntStream.range(0, 8)
                    .<Callable<SettlementRun>>mapToObj(i -> () -> schedules.record(SettlementRun.skipped(
                            merchant.id(),
                            KEY,
                            PERIOD,
                            SettlementTrigger.SCHEDULED,
                            i % 2 == 0 ? SkipReason.NOTHING_PAYABLE : SkipReason.BELOW_THRESHOLD,
                            (long) i,
                            null)))
                    .toList();
            List<SettlementRun> results = pool.invokeAll(calls).stream()
                    .map(SettlementScheduleRepositoryIT::get)
                    .toList();
            assertThat(results).allSatisfy(result -> assertThat(result).isEqualTo(results.getFirst()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(schedules.runs(merchant.id(), 10)).hasSize(1);
    }

    @Test
    void the_database_refuses_a_second_row_for_the_same_period_key_and_a_run_without_schedule() {
        Merchant merchant = scheduled(merchant());
        schedules.record(SettlementRun.skipped(
                merchant.id(), KEY, PERIOD, SettlementTrigger.SCHEDULED, SkipReason.PAUSED, null, null));

        assertThatThrownBy(() -> dsl.execute(
                        "INSERT INTO settlement_run (merchant_id, period_key, period_at, run_trigger, status,"
                                + " skip_reason, created_at, updated_at) VALUES (?, ?, NOW(), 'SCHEDULED',"
                                + " 'SKIPPED', 'PAUSED', NOW(), NOW())",
                        merchant.id(),
                        KEY))
                .isInstanceOf(DataAccessException.class);
        Merchant unscheduled = merchant();
        assertThatThrownBy(() -> schedules.record(SettlementRun.skipped(
                        unscheduled.id(), KEY, PERIOD, SettlementTrigger.SCHEDULED, SkipReason.PAUSED, null, null)))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void the_overview_lists_each_schedule_with_its_merchant_and_latest_run() {
        Merchant merchant = scheduled(merchant());
        schedules.record(SettlementRun.skipped(
                merchant.id(), KEY, PERIOD, SettlementTrigger.SCHEDULED, SkipReason.NOTHING_PAYABLE, 0L, null));
        schedules.record(SettlementRun.skipped(
                merchant.id(),
                "2025-06-12T09:00:00Z",
                PERIOD.plusSeconds(86_400),
                SettlementTrigger.SCHEDULED,
                SkipReason.BELOW_THRESHOLD,
                10L,
                null));
        Merchant quiet = scheduled(merchant());

        List<SettlementOverview> overview = schedules.overview();

        assertThat(overview)
                .filteredOn(item -> item.schedule().merchantId().equals(merchant.id()))
                .singleElement()
                .satisfies(item -> {
                    assertThat(item.merchantName()).isEqualTo(merchant.name());
                    assertThat(item.lastRun().periodKey()).isEqualTo("2025-06-12T09:00:00Z");
                });
        assertThat(overview)
                .filteredOn(item -> item.schedule().merchantId().equals(quiet.id()))
                .singleElement()
                .satisfies(item -> assertThat(item.latestRun()).isEmpty());
    }

    private static SettlementRun get(Future<SettlementRun> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Merchant merchant() {
        return new MerchantRepository(dsl)
                .create(NewMerchant.withDefaults("Settlement shop " + MERCHANTS.incrementAndGet(), "EUR"));
    }

    private static Merchant scheduled(Merchant merchant) {
        schedules.create(merchant.id(), SettlementPlan.daily(9 * 60), "finance").orElseThrow();
        return merchant;
    }

    private static String payout(Merchant merchant) {
        LedgerRepository ledger = new LedgerRepository(dsl);
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(1_000_000)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(1_000_000)))));
        PayoutRequestResult result = new PayoutRepository(dsl)
                .request(new NewPayout(
                        merchant.id(),
                        "lnbcrt1settle",
                        PayoutDestinationKind.BOLT11,
                        400_000,
                        10_000,
                        PayoutOrigin.SCHEDULE,
                        "schedule"));
        return ((PayoutRequestResult.Created) result).payout().id();
    }
}
