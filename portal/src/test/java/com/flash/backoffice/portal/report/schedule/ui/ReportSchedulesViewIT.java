package com.flash.backoffice.portal.report.schedule.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportScheduleRepository;
import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.db.reportschedule.ScheduleOverview;
import com.flash.backoffice.portal.base.ui.AccessDeniedView;
import com.flash.backoffice.portal.report.schedule.ReportScheduleService;
import com.flash.backoffice.portal.report.schedule.SchedulableReport;
import com.flash.backoffice.portal.report.schedule.ScheduleDraft;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleWorkflow;
import com.flash.backoffice.workflows.reportschedule.ScheduleEnd;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextArea;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDeniedException;

@PortalSpringTest
class ReportSchedulesViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    ReportScheduleRepository schedules;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    ReportScheduleService service;

    @Autowired
    WorkflowClient workflowClient;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private void openCreateFormAs(String username, Role role) {
        KaribuSpring.openAs(context, username, role);
        UI.getCurrent().navigate("reports/schedules");
        _click(_get(Button.class, spec -> spec.withId("new-schedule")));
    }

    @SuppressWarnings("unchecked")
    private static <T> ComboBox<T> combo(String id) {
        return _get(ComboBox.class, spec -> spec.withId(id));
    }

    private static TextArea recipients() {
        return _get(TextArea.class, spec -> spec.withId("schedule-recipients"));
    }

    @Test
    void bad_input_shows_field_messages_and_writes_nothing() {
        openCreateFormAs("accountant", Role.ACCOUNTANT);
        int schedulesBefore = schedules.count();
        int auditBefore = auditLog.count(AuditQuery.all(0, 0));

        _setValue(combo("schedule-report"), report(LedgerReports.MERCHANT_STATEMENT));
        _setValue(recipients(), "alice@example.com, not-an-address;bob@");
        _setValue(combo("schedule-time-zone"), "Mars/Olympus");
        _click(_get(Button.class, spec -> spec.withId("schedule-save")));

        assertThat(combo("schedule-merchant").getErrorMessage())
                .isEqualTo("This report is about one merchant: choose it.");
        assertThat(recipients().getErrorMessage()).isEqualTo("Not an e-mail address: not-an-address, bob@");
        assertThat(combo("schedule-time-zone").getErrorMessage()).startsWith("Unknown time zone");
        assertThat(combo("schedule-report").isInvalid()).isFalse();
        assertThat(_find(Dialog.class)).hasSize(1);
        assertThat(schedules.count()).isEqualTo(schedulesBefore);
        assertThat(auditLog.count(AuditQuery.all(0, 0))).isEqualTo(auditBefore);
    }

    @Test
    void no_report_no_recipient_or_more_than_twenty_recipients_are_refused() {
        openCreateFormAs("accountant", Role.ACCOUNTANT);
        int schedulesBefore = schedules.count();

        _setValue(recipients(), "   ");
        _click(_get(Button.class, spec -> spec.withId("schedule-save")));

        assertThat(combo("schedule-report").getErrorMessage()).isEqualTo("Choose a report.");
        assertThat(recipients().getErrorMessage()).isEqualTo("Enter at least one e-mail address.");

        _setValue(combo("schedule-report"), report(LedgerReports.JOURNAL));
        _setValue(
                recipients(),
                IntStream.rangeClosed(1, 21)
                        .mapToObj(i -> "r" + i + "@example.com")
                        .collect(Collectors.joining("\n")));
        _click(_get(Button.class, spec -> spec.withId("schedule-save")));

        assertThat(combo("schedule-report").isInvalid()).isFalse();
        assertThat(recipients().getErrorMessage()).isEqualTo("At most 20 recipients (21 given).");
        assertThat(schedules.count()).isEqualTo(schedulesBefore);
    }

    @Test
    void a_schedule_is_created_and_cancelled_each_audited_and_its_workflow_stops() throws Exception {
        openCreateFormAs("accountant", Role.ACCOUNTANT);
        String recipient = "books-" + UUID.randomUUID() + "@example.com";

        _setValue(combo("schedule-report"), report(LedgerReports.JOURNAL));
        _setValue(combo("schedule-format"), ReportFormat.CSV);
        _setValue(combo("schedule-frequency"), ScheduleFrequency.WEEKLY);
        _setValue(combo("schedule-time-zone"), "Europe/Paris");
        _setValue(recipients(), recipient.toUpperCase() + "; " + recipient);
        _click(_get(Button.class, spec -> spec.withId("schedule-save")));

        assertThat(_find(Dialog.class)).isEmpty();
        ReportSchedule created = byRecipient(recipient);
        assertThat(created.recipients()).containsExactly(recipient);
        assertThat(created.report()).isEqualTo(LedgerReports.JOURNAL);
        assertThat(created.format()).isEqualTo("CSV");
        assertThat(created.frequency()).isEqualTo(ScheduleFrequency.WEEKLY);
        assertThat(created.timeZone()).isEqualTo("Europe/Paris");
        assertThat(created.createdBy()).isEqualTo("accountant");
        assertThat(audited("report-schedule.create", created.id())).hasSize(1);
        String workflowId = ReportScheduleWorkflow.workflowId(created.id());
        assertThat(workflowStatus(workflowId)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

        @SuppressWarnings("unchecked")
        Grid<ScheduleOverview> grid = _get(Grid.class, spec -> spec.withId("schedule-grid"));
        ScheduleOverview row = grid.getListDataView()
                .getItems()
                .filter(item -> item.schedule().id().equals(created.id()))
                .findFirst()
                .orElseThrow();
        grid.select(row);
        _click(_get(Button.class, spec -> spec.withId("cancel-schedule")));
        _click(_get(Button.class, spec -> spec.withId("schedule-cancel-confirm")));

        ReportSchedule cancelled = schedules.find(created.id()).orElseThrow();
        assertThat(cancelled.active()).isFalse();
        assertThat(cancelled.cancelledBy()).isEqualTo("accountant");
        List<AuditEntry> cancelAudit = audited("report-schedule.cancel", created.id());
        assertThat(cancelAudit).hasSize(1);
        assertThat(cancelAudit.getFirst().beforeJson()).contains("\"cancelledAt\":null");
        assertThat(workflowClient.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, ScheduleEnd.class))
                .isEqualTo(ScheduleEnd.CANCELLED);
        assertThat(_get(Button.class, spec -> spec.withId("cancel-schedule")).isEnabled())
                .isFalse();
    }

    @Test
    void finance_reads_the_schedules_but_cannot_create_or_cancel() {
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("reports/schedules");

        assertThat(_find(Grid.class, spec -> spec.withId("schedule-grid"))).hasSize(1);
        assertThat(_find(Button.class, spec -> spec.withId("new-schedule"))).isEmpty();
        assertThat(_find(Button.class, spec -> spec.withId("cancel-schedule"))).isEmpty();
        assertThatThrownBy(() -> service.create(new ScheduleDraft(
                        LedgerReports.JOURNAL,
                        null,
                        ReportFormat.PDF,
                        ScheduleFrequency.DAILY,
                        "a@example.com",
                        "UTC")))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.cancel("any", 0)).isInstanceOf(AuthorizationDeniedException.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"SUPPORT", "MARKETING"})
    void support_and_marketing_are_refused(Role role) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);

        UI.getCurrent().navigate("reports/schedules");

        assertThat(_find(AccessDeniedView.class)).hasSize(1);
        assertThatThrownBy(() -> service.schedules()).isInstanceOf(AuthorizationDeniedException.class);
    }

    private SchedulableReport report(String name) {
        return service.reports().stream()
                .filter(report -> report.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private ReportSchedule byRecipient(String recipient) {
        return schedules.overview().stream()
                .map(ScheduleOverview::schedule)
                .filter(schedule -> schedule.recipients().contains(recipient))
                .findFirst()
                .orElseThrow();
    }

    private List<AuditEntry> audited(String action, String scheduleId) {
        return auditLog.find(new AuditQuery("accountant", action, null, null, 0, 500)).stream()
                .filter(entry -> scheduleId.equals(entry.targetId()))
                .toList();
    }

    private WorkflowExecutionStatus workflowStatus(String workflowId) {
        return workflowClient
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                        io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                                .setNamespace(workflowClient.getOptions().getNamespace())
                                .setExecution(io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                                        .setWorkflowId(workflowId))
                                .build())
                .getWorkflowExecutionInfo()
                .getStatus();
    }
}
