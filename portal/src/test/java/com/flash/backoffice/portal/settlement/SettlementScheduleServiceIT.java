package com.flash.backoffice.portal.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRun;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.db.settlement.SettlementTrigger;
import com.flash.backoffice.db.settlement.SkipReason;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.payout.PayoutRequestOutcome;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.settlement.ScheduledPayoutOutcome;
import com.flash.backoffice.workflows.settlement.ScheduledPayouts;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The settlement schedule service on the real portal (MariaDB, Temporal with the settlement worker): who may do what,
 * the messages for bad input (which write nothing), the audit entry of each change, and the workflow it drives. The
 * merchants here have nothing payable, so no run starts a payout workflow.
 */
@PortalSpringTest
class SettlementScheduleServiceIT {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();

    @Autowired
    SettlementScheduleService service;

    @Autowired
    SettlementScheduleRepository schedules;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    PayoutService payoutService;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    ScheduledPayouts scheduledPayouts;

    @Autowired
    WorkflowClient workflowClient;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void finance_creates_a_schedule_that_is_audited_and_runs_as_its_own_workflow() {
        Merchant merchant = merchant("shop@example.com");
        signIn("fiona", Role.FINANCE);

        SettlementSaveResult result = service.create(weekly(merchant, DayOfWeek.FRIDAY, LocalTime.of(17, 30)));

        assertThat(result.ok()).isTrue();
        assertThat(result.schedule().plan()).isEqualTo(SettlementPlan.weekly(DayOfWeek.FRIDAY, 17 * 60 + 30));
        assertThat(result.schedule().createdBy()).isEqualTo("fiona");
        assertThat(audits(merchant, "settlement-schedule.create"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.actor()).isEqualTo("fiona");
                    assertThat(entry.afterJson()).contains("FRIDAY");
                });
        assertThat(workflowStatus(merchant)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
        assertThat(service.schedules())
                .filteredOn(row -> row.overview().schedule().merchantId().equals(merchant.id()))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.nextRunAt().atOffset(ZoneOffset.UTC).getDayOfWeek())
                            .isEqualTo(DayOfWeek.FRIDAY);
                    assertThat(row.nextRunAt()).isAfter(UtcTimestamps.now());
                    assertThat(row.overview().latestRun()).isEmpty();
                });
    }

    @Autowired
    SettlementScheduleStarter starter;

    @Test
    void a_stored_schedule_without_a_running_workflow_gets_one_at_startup() {
        Merchant merchant = merchant("restart@example.com");
        schedules.create(merchant.id(), SettlementPlan.daily(12 * 60), "fiona").orElseThrow();

        starter.startAll();
        starter.startAll();

        assertThat(workflowStatus(merchant)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    @Test
    void an_accountant_reads_schedules_but_changes_none_and_support_sees_none() {
        Merchant merchant = merchant("reader@example.com");
        signIn("fiona", Role.FINANCE);
        SettlementSchedule schedule = service.create(daily(merchant)).schedule();

        signIn("anna", Role.ACCOUNTANT);
        assertThat(service.schedules()).isNotEmpty();
        assertThat(service.history(merchant.id())).isEmpty();
        assertThatThrownBy(() -> service.create(daily(merchant(("other@example.com")))))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.pause(merchant.id(), schedule.revision()))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.triggerNow(merchant.id())).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.backfill(merchant.id(), LocalDate.now(), LocalDate.now()))
                .isInstanceOf(AuthorizationDeniedException.class);

        signIn("sam", Role.SUPPORT);
        assertThatThrownBy(() -> service.schedules()).isInstanceOf(AuthorizationDeniedException.class);

        signIn("ada", Role.ADMIN);
        assertThat(service.pause(merchant.id(), schedule.revision()).done()).isTrue();
        assertThat(schedules.find(merchant.id()).orElseThrow().paused()).isTrue();
    }

    @Test
    void bad_drafts_get_a_message_per_field_and_write_nothing() {
        Merchant withoutDestination = merchant(null);
        Merchant merchant = merchant("drafts@example.com");
        signIn("fiona", Role.FINANCE);
        int auditsBefore = auditLog.count(AuditQuery.all(0, 1));

        assertThat(service.create(new SettlementDraft(null, null, null, null, null))
                        .errors())
                .containsEntry(SettlementField.MERCHANT, "Choose a merchant.")
                .containsEntry(SettlementField.FREQUENCY, "Choose how often.")
                .containsEntry(SettlementField.TIME_OF_DAY, "Choose a time of day (UTC).");
        assertThat(service.create(daily("no-such-merchant")).errors())
                .containsEntry(SettlementField.MERCHANT, "No such merchant.");
        assertThat(service.create(daily(withoutDestination)).errors())
                .containsEntry(
                        SettlementField.MERCHANT,
                        "This merchant has no payout destination: set one on the merchant's page first.");
        assertThat(service.create(weekly(merchant, null, LocalTime.NOON)).errors())
                .containsOnlyKeys(SettlementField.WEEKDAY)
                .containsValue("Choose the day of the week.");
        assertThat(service.create(threshold(merchant, null)).errors())
                .containsEntry(SettlementField.THRESHOLD, "Enter the threshold in BTC.");
        assertThat(service.create(threshold(merchant, BigDecimal.ZERO)).errors())
                .containsEntry(SettlementField.THRESHOLD, "The threshold must be above 0.");
        assertThat(service.create(threshold(merchant, new BigDecimal("0.000000000001")))
                        .errors())
                .containsEntry(
                        SettlementField.THRESHOLD,
                        "The threshold has more than 11 decimal places (1 msat = 0.00000000001 BTC).");

        assertThat(schedules.find(merchant.id())).isEmpty();
        assertThat(schedules.find(withoutDestination.id())).isEmpty();
        assertThat(auditLog.count(AuditQuery.all(0, 1))).isEqualTo(auditsBefore);

        assertThat(service.create(threshold(merchant, new BigDecimal("0.005"))).ok())
                .isTrue();
        assertThat(service.create(daily(merchant)).errors())
                .containsEntry(
                        SettlementField.MERCHANT, "This merchant has a settlement schedule already: edit it instead.");
        assertThat(schedules.find(merchant.id()).orElseThrow().plan())
                .isEqualTo(SettlementPlan.threshold(500_000_000, 9 * 60));
    }

    @Test
    void an_edit_with_an_old_revision_is_refused_and_a_current_one_is_audited_with_before_and_after() {
        Merchant merchant = merchant("edit@example.com");
        signIn("fiona", Role.FINANCE);
        SettlementSchedule created = service.create(daily(merchant)).schedule();

        SettlementSaveResult saved = service.update(
                merchant.id(), created.revision(), weekly(merchant, DayOfWeek.MONDAY, LocalTime.MIDNIGHT));
        SettlementSaveResult stale = service.update(merchant.id(), created.revision(), daily(merchant));

        assertThat(saved.ok()).isTrue();
        assertThat(saved.schedule().plan()).isEqualTo(SettlementPlan.weekly(DayOfWeek.MONDAY, 0));
        assertThat(stale.errors())
                .containsEntry(
                        SettlementField.SCHEDULE,
                        "Someone changed this schedule meanwhile: nothing saved, reload and try again.");
        assertThat(audits(merchant, "settlement-schedule.update"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.beforeJson()).contains("DAILY");
                    assertThat(entry.afterJson()).contains("MONDAY");
                });
        assertThat(workflowStatus(merchant)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    }

    @Test
    void pause_and_resume_are_audited_and_a_paused_schedule_refuses_run_now_and_backfill() {
        Merchant merchant = merchant("pause@example.com");
        signIn("fiona", Role.FINANCE);
        SettlementSchedule created = service.create(daily(merchant)).schedule();

        assertThat(service.pause(merchant.id(), created.revision() + 7).message())
                .isEqualTo("Someone changed this schedule meanwhile: nothing saved, reload and try again.");
        assertThat(service.pause(merchant.id(), created.revision()).done()).isTrue();
        SettlementSchedule paused = schedules.find(merchant.id()).orElseThrow();
        assertThat(service.pause(merchant.id(), paused.revision()).message())
                .isEqualTo("The schedule is paused already.");
        assertThat(service.triggerNow(merchant.id()).message()).isEqualTo("The schedule is paused: resume it first.");
        assertThat(service.backfill(merchant.id(), LocalDate.now(ZoneOffset.UTC), LocalDate.now(ZoneOffset.UTC))
                        .message())
                .isEqualTo("The schedule is paused: resume it first.");
        assertThat(service.schedules())
                .filteredOn(row -> row.overview().schedule().merchantId().equals(merchant.id()))
                .singleElement()
                .satisfies(row -> assertThat(row.nextRun()).isEmpty());

        assertThat(service.resume(merchant.id(), paused.revision()).done()).isTrue();

        assertThat(schedules.find(merchant.id()).orElseThrow().paused()).isFalse();
        assertThat(audits(merchant, "settlement-schedule.pause")).hasSize(1);
        assertThat(audits(merchant, "settlement-schedule.resume")).hasSize(1);
        assertThat(service.triggerNow("no-such-merchant").message()).isEqualTo("This schedule no longer exists.");
    }

    @Test
    void a_bad_backfill_range_gets_a_message_and_a_valid_one_runs_its_periods_in_order() throws Exception {
        Merchant merchant = merchant("backfill@example.com");
        signIn("fiona", Role.FINANCE);
        service.create(daily(merchant));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(service.backfill(merchant.id(), null, today).errors())
                .containsEntry(SettlementField.BACKFILL_FROM, "Choose the first day.");
        assertThat(service.backfill(merchant.id(), today.minusDays(2), today.minusDays(3))
                        .errors())
                .containsEntry(SettlementField.BACKFILL_TO, "The last day is before the first.");
        assertThat(service.backfill(merchant.id(), today, today.plusDays(1)).errors())
                .containsEntry(
                        SettlementField.BACKFILL_TO, "A backfill covers past periods only: end today at the latest.");
        assertThat(service.backfill(merchant.id(), today.minusDays(40), today.minusDays(1))
                        .errors())
                .containsEntry(SettlementField.BACKFILL_FROM, "At most 31 periods per backfill: choose fewer days.");
        assertThat(audits(merchant, "settlement-schedule.backfill")).isEmpty();

        SettlementAction done = service.backfill(merchant.id(), today.minusDays(3), today.minusDays(1));

        assertThat(done.message()).isEqualTo("3 periods to run: periods that ran before keep their result.");
        assertThat(audits(merchant, "settlement-schedule.backfill"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.afterJson()).contains("\"periods\":3"));
        List<SettlementRun> runs = awaitRuns(merchant, 3);
        assertThat(runs.reversed())
                .extracting(SettlementRun::periodKey, SettlementRun::trigger, SettlementRun::skipReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                today.minusDays(3)
                                        .atTime(9, 0)
                                        .toInstant(ZoneOffset.UTC)
                                        .toString(),
                                SettlementTrigger.BACKFILL,
                                SkipReason.NOTHING_PAYABLE),
                        org.assertj.core.groups.Tuple.tuple(
                                today.minusDays(2)
                                        .atTime(9, 0)
                                        .toInstant(ZoneOffset.UTC)
                                        .toString(),
                                SettlementTrigger.BACKFILL,
                                SkipReason.NOTHING_PAYABLE),
                        org.assertj.core.groups.Tuple.tuple(
                                today.minusDays(1)
                                        .atTime(9, 0)
                                        .toInstant(ZoneOffset.UTC)
                                        .toString(),
                                SettlementTrigger.BACKFILL,
                                SkipReason.NOTHING_PAYABLE));
    }

    @Test
    void run_now_is_audited_and_its_run_is_recorded_by_the_real_worker() throws Exception {
        Merchant merchant = merchant("now@example.com");
        signIn("fiona", Role.FINANCE);
        service.create(daily(merchant));

        assertThat(service.triggerNow(merchant.id()).done()).isTrue();

        assertThat(audits(merchant, "settlement-schedule.trigger-now")).hasSize(1);
        SettlementRun run = awaitRuns(merchant, 1).getFirst();
        assertThat(run.trigger()).isEqualTo(SettlementTrigger.NOW);
        assertThat(run.periodKey()).startsWith("now-");
        assertThat(run.skipReason()).isEqualTo(SkipReason.NOTHING_PAYABLE);
    }

    @Test
    void a_scheduled_request_needs_no_signed_in_user_and_its_refusals_write_nothing() {
        Merchant merchant = merchant("port@example.com");
        SecurityContextHolder.clearContext();

        PayoutRequestOutcome overdraft = payoutService.requestScheduled(
                merchant.id(), "port@example.com", Msat.ofMsat(1_000), "2025-06-11T09:00:00Z");
        ScheduledPayoutOutcome refused =
                scheduledPayouts.request(merchant.id(), "not a destination", 1_000, "2025-06-12T09:00:00Z");
        ScheduledPayoutOutcome unknown =
                scheduledPayouts.request("no-such-merchant", "port@example.com", 1_000, "2025-06-12T09:00:00Z");

        assertThat(overdraft).isEqualTo(new PayoutRequestOutcome.Overdraft(Msat.ZERO));
        assertThat(refused.refusal()).isEqualTo(SkipReason.INVALID_DESTINATION);
        assertThat(refused.detail()).isNotBlank();
        assertThat(unknown.refusal()).isEqualTo(SkipReason.MERCHANT_NOT_FOUND);
        assertThat(payouts.count(merchant.id(), null)).isZero();
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
    }

    private List<SettlementRun> awaitRuns(Merchant merchant, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<SettlementRun> runs = schedules.runs(merchant.id(), 100);
        while (runs.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
            runs = schedules.runs(merchant.id(), 100);
        }
        assertThat(runs).hasSize(count);
        return runs;
    }

    private WorkflowExecutionStatus workflowStatus(Merchant merchant) {
        return workflowClient
                .newUntypedWorkflowStub(SettlementScheduleWorkflow.workflowId(merchant.id()))
                .describe()
                .getStatus();
    }

    private List<AuditEntry> audits(Merchant merchant, String action) {
        return auditLog.find(new AuditQuery(null, action, null, null, 0, 1_000)).stream()
                .filter(entry -> merchant.id().equals(entry.targetId()))
                .toList();
    }

    private static SettlementDraft daily(Merchant merchant) {
        return daily(merchant.id());
    }

    private static SettlementDraft daily(String merchantId) {
        return new SettlementDraft(merchantId, SettlementFrequency.DAILY, null, null, LocalTime.of(9, 0));
    }

    private static SettlementDraft weekly(Merchant merchant, DayOfWeek day, LocalTime time) {
        return new SettlementDraft(merchant.id(), SettlementFrequency.WEEKLY, day, null, time);
    }

    private static SettlementDraft threshold(Merchant merchant, BigDecimal btc) {
        return new SettlementDraft(merchant.id(), SettlementFrequency.THRESHOLD, null, btc, LocalTime.of(9, 0));
    }

    private Merchant merchant(String payoutDestination) {
        Merchant merchant = merchants.create(new NewMerchant(
                "Settlement IT shop " + MERCHANTS.incrementAndGet() + " " + System.nanoTime(),
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
        return merchant;
    }

    private static void signIn(String username, Role... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        "n/a",
                        Arrays.stream(roles)
                                .map(role -> new SimpleGrantedAuthority(role.authority()))
                                .toList()));
    }
}
