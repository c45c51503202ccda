package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.settlement.ScheduleChange;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementRun;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.db.settlement.SettlementScheduleRepository;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.settlement.Backfill;
import com.flash.backoffice.workflows.settlement.SettlementPeriods;
import com.flash.backoffice.workflows.settlement.SettlementScheduleState;
import com.flash.backoffice.workflows.settlement.SettlementScheduleWorkflows;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Settlement schedules: FINANCE and ADMIN create, edit, pause, resume, run now and backfill them; ACCOUNTANT reads
 * them. Each change is stored and audited in one transaction whose last step signals (or starts) the merchant's
 * schedule workflow ({@code settlement-schedule-<merchant id>}), so a Temporal failure leaves nothing written.
 */
@Service
public class SettlementScheduleService {

    static final String READ =
            "hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ACCOUNTANT + "', '" + StaffRoles.ADMIN + "')";
    static final String WRITE = "hasAnyRole('" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')";
    static final String TARGET = "settlement-schedule";
    static final int HISTORY = 200;
    private static final int MERCHANT_CHOICES = 1_000;

    private final SettlementScheduleRepository schedules;
    private final MerchantRepository merchants;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final WorkflowClient workflowClient;

    SettlementScheduleService(
            SettlementScheduleRepository schedules,
            MerchantRepository merchants,
            AuditService audit,
            CurrentUser currentUser,
            WorkflowClient workflowClient) {
        this.schedules = schedules;
        this.merchants = merchants;
        this.audit = audit;
        this.currentUser = currentUser;
        this.workflowClient = workflowClient;
    }

    /** Every schedule with its merchant, its next run (computed from its plan) and its last run. */
    @PreAuthorize(READ)
    public List<SettlementScheduleRow> schedules() {
        Instant now = UtcTimestamps.now();
        return schedules.overview().stream()
                .map(item -> new SettlementScheduleRow(
                        item,
                        item.schedule().paused()
                                ? null
                                : SettlementPeriods.nextAfter(item.schedule().plan(), now)))
                .toList();
    }

    @PreAuthorize(READ)
    public Optional<SettlementSchedule> find(String merchantId) {
        return schedules.find(merchantId);
    }

    /** The schedule's runs, the latest first. */
    @PreAuthorize(READ)
    public List<SettlementRun> history(String merchantId) {
        return schedules.runs(merchantId, HISTORY);
    }

    @PreAuthorize(READ)
    public List<Merchant> merchants() {
        return merchants.findAll(0, MERCHANT_CHOICES, null);
    }

    @PreAuthorize(WRITE)
    @Transactional
    public SettlementSaveResult create(SettlementDraft draft) {
        Map<SettlementField, String> errors = new EnumMap<>(SettlementField.class);
        Optional<Merchant> merchant = merchant(draft.merchantId());
        Optional<SettlementPlan> plan = SettlementRules.plan(draft, merchant, errors);
        if (plan.isEmpty()) {
            return SettlementSaveResult.invalid(errors);
        }
        Optional<SettlementSchedule> created =
                schedules.create(merchant.orElseThrow().id(), plan.get(), username());
        if (created.isEmpty()) {
            return SettlementSaveResult.invalid(
                    SettlementField.MERCHANT, "This merchant has a settlement schedule already: edit it instead.");
        }
        audit.record("settlement-schedule.create", TARGET, created.get().merchantId(), null, created.get(), null);
        SettlementScheduleWorkflows.start(
                workflowClient, SettlementScheduleState.first(created.get().merchantId(), plan.get(), false));
        return SettlementSaveResult.saved(created.get());
    }

    /** Replaces the plan of the schedule as read at {@code revision}; the next period follows the new plan. */
    @PreAuthorize(WRITE)
    @Transactional
    public SettlementSaveResult update(String merchantId, int revision, SettlementDraft draft) {
        Map<SettlementField, String> errors = new EnumMap<>(SettlementField.class);
        Optional<SettlementSchedule> before = schedules.find(merchantId);
        if (before.isEmpty()) {
            return SettlementSaveResult.invalid(SettlementField.SCHEDULE, "This schedule no longer exists.");
        }
        if (draft.merchantId() != null && !draft.merchantId().equals(merchantId)) {
            errors.put(SettlementField.MERCHANT, "A schedule stays with its merchant.");
            return SettlementSaveResult.invalid(errors);
        }
        Optional<SettlementPlan> plan = SettlementRules.plan(
                new SettlementDraft(
                        merchantId, draft.frequency(), draft.weekday(), draft.thresholdBtc(), draft.timeOfDay()),
                merchant(merchantId),
                errors);
        if (plan.isEmpty()) {
            return SettlementSaveResult.invalid(errors);
        }
        ScheduleChange change = schedules.update(merchantId, revision, plan.get(), username());
        if (change != ScheduleChange.SAVED) {
            return SettlementSaveResult.invalid(SettlementField.SCHEDULE, message(change));
        }
        SettlementSchedule after = schedules.find(merchantId).orElseThrow();
        audit.record("settlement-schedule.update", TARGET, merchantId, before.get(), after, null);
        signal(after, client -> SettlementScheduleWorkflows.reschedule(client, merchantId, after.plan()));
        return SettlementSaveResult.saved(after);
    }

    @PreAuthorize(WRITE)
    @Transactional
    public SettlementAction pause(String merchantId, int revision) {
        return setPaused(merchantId, revision, true);
    }

    @PreAuthorize(WRITE)
    @Transactional
    public SettlementAction resume(String merchantId, int revision) {
        return setPaused(merchantId, revision, false);
    }

    private SettlementAction setPaused(String merchantId, int revision, boolean paused) {
        Optional<SettlementSchedule> before = schedules.find(merchantId);
        ScheduleChange change = schedules.setPaused(merchantId, revision, paused, username());
        if (change == ScheduleChange.UNCHANGED) {
            return SettlementAction.refused(paused ? "The schedule is paused already." : "The schedule runs already.");
        }
        if (change != ScheduleChange.SAVED) {
            return SettlementAction.refused(message(change));
        }
        SettlementSchedule after = schedules.find(merchantId).orElseThrow();
        audit.record(
                paused ? "settlement-schedule.pause" : "settlement-schedule.resume",
                TARGET,
                merchantId,
                before.orElseThrow(),
                after,
                null);
        signal(after, client -> {
            if (paused) {
                SettlementScheduleWorkflows.pause(client, merchantId);
            } else {
                SettlementScheduleWorkflows.resume(client, merchantId);
            }
        });
        return SettlementAction.done(
                paused
                        ? "Schedule paused: no period runs until it is resumed."
                        : "Schedule resumed: it runs again from its next period.");
    }

    /** Runs a period now (it still finds nothing to pay when the balance is empty or a payout is open). */
    @PreAuthorize(WRITE)
    @Transactional
    public SettlementAction triggerNow(String merchantId) {
        Optional<SettlementSchedule> schedule = schedules.find(merchantId);
        if (schedule.isEmpty()) {
            return SettlementAction.refused(message(ScheduleChange.NOT_FOUND));
        }
        if (schedule.get().paused()) {
            return SettlementAction.refused("The schedule is paused: resume it first.");
        }
        audit.record("settlement-schedule.trigger-now", TARGET, merchantId, null, schedule.get(), null);
        signal(schedule.get(), client -> SettlementScheduleWorkflows.triggerNow(client, merchantId));
        return SettlementAction.done("A run was asked for: its result appears in the run history.");
    }

    /**
     * Runs the schedule's past periods within the UTC days {@code [from, to]} that have not run yet, oldest first
     * (at most {@link SettlementPeriods#MAX_BACKFILL_PERIODS}). The balance is cumulative: the first of them that
     * finds a payable amount requests it all, the later ones record "nothing payable".
     */
    @PreAuthorize(WRITE)
    @Transactional
    public SettlementAction backfill(String merchantId, LocalDate from, LocalDate to) {
        Optional<SettlementSchedule> schedule = schedules.find(merchantId);
        if (schedule.isEmpty()) {
            return SettlementAction.refused(message(ScheduleChange.NOT_FOUND));
        }
        if (schedule.get().paused()) {
            return SettlementAction.refused("The schedule is paused: resume it first.");
        }
        Instant now = UtcTimestamps.now();
        Map<SettlementField, String> errors =
                SettlementRules.backfill(schedule.get().plan(), from, to, now);
        if (!errors.isEmpty()) {
            return SettlementAction.invalid(errors);
        }
        int periods = SettlementRules.periods(schedule.get().plan(), from, to, now);
        audit.record(
                "settlement-schedule.backfill", TARGET, merchantId, null, new BackfillRequest(from, to, periods), null);
        Instant end = to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusMillis(1);
        Backfill range = Backfill.of(from.atStartOfDay().toInstant(ZoneOffset.UTC), end.isAfter(now) ? now : end);
        signal(schedule.get(), client -> SettlementScheduleWorkflows.backfill(client, merchantId, range));
        return SettlementAction.done(periods + (periods == 1 ? " period" : " periods")
                + " to run: periods that ran before keep their result.");
    }

    /** Signals the schedule's workflow, starting it first if it is not running (e.g. after a Temporal reset). */
    private void signal(SettlementSchedule schedule, Consumer<WorkflowClient> send) {
        try {
            send.accept(workflowClient);
        } catch (WorkflowNotFoundException notRunning) {
            SettlementScheduleWorkflows.start(
                    workflowClient,
                    SettlementScheduleState.first(schedule.merchantId(), schedule.plan(), schedule.paused()));
            send.accept(workflowClient);
        }
    }

    private Optional<Merchant> merchant(String merchantId) {
        return merchantId == null || merchantId.isBlank() ? Optional.empty() : merchants.findById(merchantId.strip());
    }

    private String username() {
        return currentUser.require().username();
    }

    private static String message(ScheduleChange change) {
        return switch (change) {
            case STALE_REVISION -> "Someone changed this schedule meanwhile: nothing saved, reload and try again.";
            case NOT_FOUND -> "This schedule no longer exists.";
            case SAVED, UNCHANGED -> "";
        };
    }
}
