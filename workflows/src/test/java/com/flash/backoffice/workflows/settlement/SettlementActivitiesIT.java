package com.flash.backoffice.workflows.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRunStatus;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.db.settlement.SettlementTrigger;
import com.flash.backoffice.db.settlement.SkipReason;
import com.flash.backoffice.db.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settlement activity on MariaDB: a period decided twice (a retry) never requests a second payout. */
class SettlementActivitiesIT {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();
    private static final Instant PERIOD = Instant.parse("2025-06-11T09:00:00Z");

    private static TestDatabase database;
    private static DSLContext dsl;
    private static SettlementScheduleRepository schedules;
    private static LedgerRepository ledger;
    private static PayoutRepository payouts;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("settlement_activities_it");
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
    void a_retry_after_an_attempt_lost_once_its_payout_was_created_records_that_payout_and_requests_none() {
        Merchant merchant = scheduledMerchant(800_000);
        PeriodRun run =
                new PeriodRun(merchant.id(), PERIOD.toString(), PERIOD.toEpochMilli(), SettlementTrigger.SCHEDULED);
        AtomicInteger requests = new AtomicInteger();
        ScheduledPayouts losesItsAnswer = (merchantId, destination, amountMsat, key) -> {
            requests.incrementAndGet();
            reserve(merchantId, destination, amountMsat);
            throw new IllegalStateException("the worker died after the payout was created");
        };
        assertThatThrownBy(() -> activities(losesItsAnswer).settle(run)).isInstanceOf(IllegalStateException.class);
        assertThat(schedules
                        .findRun(merchant.id(), run.periodKey())
                        .orElseThrow()
                        .status())
                .isEqualTo(SettlementRunStatus.REQUESTING);

        ScheduledPayouts answers = (merchantId, destination, amountMsat, key) -> {
            requests.incrementAndGet();
            return ScheduledPayoutOutcome.requested(reserve(merchantId, destination, amountMsat));
        };
        PeriodResult retried = activities(answers).settle(run);
        PeriodResult repeated = activities(answers).settle(run);

        assertThat(retried.status()).isEqualTo(SettlementRunStatus.REQUESTED);
        assertThat(repeated).isEqualTo(retried);
        assertThat(requests.get()).isEqualTo(1);
        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);
        assertThat(payouts.findById(retried.payoutId()).orElseThrow().amountMsat())
                .isEqualTo(800_000);
    }

    @Test
    void a_retry_after_an_attempt_lost_before_its_payout_requests_it() {
        Merchant merchant = scheduledMerchant(500_000);
        PeriodRun run = new PeriodRun(merchant.id(), "now-" + PERIOD, PERIOD.toEpochMilli(), SettlementTrigger.NOW);
        ScheduledPayouts down = (merchantId, destination, amountMsat, key) -> {
            throw new IllegalStateException("the payout service is down");
        };
        assertThatThrownBy(() -> activities(down).settle(run)).isInstanceOf(IllegalStateException.class);

        PeriodResult retried = activities((merchantId, destination, amountMsat, key) ->
                        ScheduledPayoutOutcome.requested(reserve(merchantId, destination, amountMsat)))
                .settle(run);

        assertThat(retried.status()).isEqualTo(SettlementRunStatus.REQUESTED);
        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);
    }

    @Test
    void a_refused_request_is_recorded_as_skipped_with_the_refusal() {
        Merchant merchant = scheduledMerchant(500_000);
        PeriodRun run =
                new PeriodRun(merchant.id(), PERIOD.toString(), PERIOD.toEpochMilli(), SettlementTrigger.SCHEDULED);

        PeriodResult result = activities((merchantId, destination, amountMsat, key) ->
                        ScheduledPayoutOutcome.refused(SkipReason.INVALID_DESTINATION, "expired invoice"))
                .settle(run);

        assertThat(result.skipReason()).isEqualTo(SkipReason.INVALID_DESTINATION);
        assertThat(schedules
                        .findRun(merchant.id(), run.periodKey())
                        .orElseThrow()
                        .describe())
                .isEqualTo("The payout destination was refused: expired invoice");
    }

    @Test
    void a_merchant_without_schedule_fails_without_retry() {
        Merchant merchant = merchant(0);
        PeriodRun run =
                new PeriodRun(merchant.id(), PERIOD.toString(), PERIOD.toEpochMilli(), SettlementTrigger.SCHEDULED);

        assertThatThrownBy(() -> activities((m, d, a, k) -> {
                            throw new AssertionError("no request expected");
                        })
                        .settle(run))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(SettlementFailure.SCHEDULE_NOT_FOUND.name());
                    assertThat(failure.isNonRetryable()).isTrue();
                });
    }

    private static SettlementActivitiesImpl activities(ScheduledPayouts port) {
        return new SettlementActivitiesImpl(schedules, new MerchantRepository(dsl), ledger, payouts, port);
    }

    private static String reserve(String merchantId, String destination, long amountMsat) {
        PayoutRequestResult result = payouts.request(new NewPayout(
                merchantId,
                destination,
                PayoutDestinationKind.LIGHTNING_ADDRESS,
                amountMsat,
                0,
                PayoutOrigin.SCHEDULE,
                "schedule"));
        return ((PayoutRequestResult.Created) result).payout().id();
    }

    private static Merchant scheduledMerchant(long balanceMsat) {
        Merchant merchant = merchant(balanceMsat);
        schedules.create(merchant.id(), SettlementPlan.daily(9 * 60), "finance").orElseThrow();
        return merchant;
    }

    private static Merchant merchant(long balanceMsat) {
        Merchant merchant = new MerchantRepository(dsl)
                .create(new NewMerchant(
                        "Activity shop " + MERCHANTS.incrementAndGet(),
                        "EUR",
                        null,
                        null,
                        SpeedPolicy.MEDIUM,
                        15,
                        1440,
                        BigDecimal.ZERO,
                        new BigDecimal("1.00"),
                        "shop" + MERCHANTS.get() + "@example.com",
                        PayoutSchedule.MANUAL,
                        OnchainCustody.MERCHANT_WALLET));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        if (balanceMsat > 0) {
            ledger.post(new JournalEntry(
                    "funding-" + merchant.id(),
                    "received",
                    Instant.now(),
                    List.of(
                            JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(balanceMsat)),
                            JournalLine.credit(
                                    ChartOfAccounts.merchantBalance(merchant.id())
                                            .code(),
                                    Msat.ofMsat(balanceMsat)))));
        }
        return merchant;
    }
}
