package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.reportschedule.CancelResult;
import com.flash.backoffice.db.reportschedule.NewReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportScheduleRepository;
import com.flash.backoffice.db.reportschedule.ScheduleOverview;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflows;
import com.flash.backoffice.workflows.reportschedule.ScheduleRequest;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scheduled reports: ACCOUNTANT and ADMIN create and cancel them, FINANCE reads them too. Each schedule runs as
 * its own workflow ({@code report-schedule-<id>}), started and signalled last in the transaction that stores and
 * audits the change, so a Temporal failure leaves nothing written.
 */
@Service
public class ReportScheduleService {

    static final String READ =
            "hasAnyRole('" + StaffRoles.ACCOUNTANT + "', '" + StaffRoles.FINANCE + "', '" + StaffRoles.ADMIN + "')";
    static final String WRITE = "hasAnyRole('" + StaffRoles.ACCOUNTANT + "', '" + StaffRoles.ADMIN + "')";
    private static final int MERCHANT_CHOICES = 1_000;

    private final ReportScheduleRepository schedules;
    private final MerchantRepository merchants;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final WorkflowClient workflowClient;
    private final ReportRegistry registry;

    ReportScheduleService(
            ReportScheduleRepository schedules,
            MerchantRepository merchants,
            AuditService audit,
            CurrentUser currentUser,
            WorkflowClient workflowClient,
            ReportRegistry registry) {
        this.schedules = schedules;
        this.registry = registry;
        this.merchants = merchants;
        this.audit = audit;
        this.currentUser = currentUser;
        this.workflowClient = workflowClient;
    }

    @PreAuthorize(READ)
    public List<ScheduleOverview> schedules() {
        return schedules.overview();
    }

    @PreAuthorize(READ)
    public List<SchedulableReport> reports() {
        return registry.all().stream()
                .map(report -> new SchedulableReport(
                        report.name(), report.title(), report.parameters().contains(ReportParameter.MERCHANT)))
                .toList();
    }

    @PreAuthorize(READ)
    public List<Merchant> merchants() {
        return merchants.findAll(0, MERCHANT_CHOICES, null);
    }

    @PreAuthorize(WRITE)
    @Transactional
    public ScheduleCreateResult create(ScheduleDraft draft) {
        List<String> recipients = new ArrayList<>();
        Map<ScheduleField, String> errors = ScheduleRules.check(
                draft, registry, id -> merchants.findById(id.strip()).isPresent(), recipients);
        if (!errors.isEmpty()) {
            return ScheduleCreateResult.invalid(errors);
        }
        ReportDefinition report = registry.get(draft.report());
        ReportSchedule created = schedules.create(new NewReportSchedule(
                report.name(),
                ScheduleRules.merchantFor(report, draft.merchantId()),
                draft.format().name(),
                draft.frequency(),
                recipients,
                draft.timeZone().strip(),
                currentUser.require().username()));
        audit.record("report-schedule.create", "report-schedule", created.id(), null, created, null);
        ReportScheduleWorkflows.start(
                workflowClient, ScheduleRequest.first(created.id(), created.frequency(), created.timeZone()));
        return ScheduleCreateResult.created(created);
    }

    /** Cancels the schedule as read at {@code revision}; its workflow stops before the next run. */
    @PreAuthorize(WRITE)
    @Transactional
    public CancelResult cancel(String scheduleId, int revision) {
        Optional<ReportSchedule> before = schedules.find(scheduleId);
        CancelResult result =
                schedules.cancel(scheduleId, revision, currentUser.require().username());
        if (result == CancelResult.CANCELLED) {
            audit.record(
                    "report-schedule.cancel",
                    "report-schedule",
                    scheduleId,
                    before.orElseThrow(),
                    schedules.find(scheduleId).orElseThrow(),
                    null);
            ReportScheduleWorkflows.cancel(workflowClient, scheduleId);
        }
        return result;
    }
}
