package com.flash.backoffice.portal.report.schedule.ui;

import com.flash.backoffice.db.reportschedule.CancelResult;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ScheduleOverview;
import com.flash.backoffice.db.reportschedule.ScheduleRun;
import com.flash.backoffice.portal.report.schedule.ReportScheduleService;
import com.flash.backoffice.portal.report.schedule.SchedulableReport;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.stream.Collectors;

@Route("reports/schedules")
@PageTitle("Scheduled reports · Flash")
@Menu(order = 6, icon = "vaadin:calendar-envelope", title = "Scheduled reports")
@RolesAllowed({StaffRoles.ACCOUNTANT, StaffRoles.FINANCE, StaffRoles.ADMIN})
class ReportSchedulesView extends VerticalLayout {

    private final ReportScheduleService schedules;
    private final Map<String, String> reportTitles;
    final Grid<ScheduleOverview> grid = new Grid<>();
    final Button cancel = new Button("Cancel schedule");

    ReportSchedulesView(ReportScheduleService schedules, CurrentUser currentUser) {
        this.schedules = schedules;
        this.reportTitles = schedules.reports().stream()
                .collect(Collectors.toMap(SchedulableReport::name, SchedulableReport::title, (a, b) -> a));
        boolean writer = currentUser
                .get()
                .map(staff -> staff.has(Role.ACCOUNTANT) || staff.has(Role.ADMIN))
                .orElse(false);
        add(
                new H2("Scheduled reports"),
                new Paragraph("Each schedule e-mails the report of the period that has just ended: yesterday, last"
                        + " week (Monday to Sunday) or last month, in the schedule's time zone. A period is never"
                        + " mailed twice."));
        if (writer) {
            add(actions());
        }
        configureGrid();
        add(grid);
        refresh();
    }

    private HorizontalLayout actions() {
        Button create = new Button(
                "New schedule",
                click -> new ScheduleCreateDialog(schedules, created -> {
                            Notification.show(
                                    "Schedule created: the first report goes out when the current period" + " ends.");
                            refresh();
                        })
                        .open());
        create.setId("new-schedule");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        cancel.setId("cancel-schedule");
        cancel.setEnabled(false);
        cancel.addClickListener(click ->
                grid.getSelectedItems().stream().findFirst().ifPresent(selected -> confirmCancel(selected.schedule())));
        grid.addSelectionListener(selection -> cancel.setEnabled(selection
                .getFirstSelectedItem()
                .map(item -> item.schedule().active())
                .orElse(false)));
        return new HorizontalLayout(create, cancel);
    }

    private void configureGrid() {
        grid.setId("schedule-grid");
        grid.addColumn(item -> reportTitles.getOrDefault(
                        item.schedule().report(), item.schedule().report()))
                .setHeader("Report")
                .setKey("report");
        grid.addColumn(item -> item.schedule().merchantId() == null
                        ? ""
                        : item.schedule().merchantId())
                .setHeader("Merchant");
        grid.addColumn(item -> item.schedule().format()).setHeader("Format");
        grid.addColumn(item -> item.schedule().frequency().name().toLowerCase()).setHeader("Every");
        grid.addColumn(item -> item.schedule().timeZone()).setHeader("Time zone");
        grid.addColumn(item -> String.join(", ", item.schedule().recipients()))
                .setHeader("Recipients")
                .setFlexGrow(2);
        grid.addColumn(item -> item.schedule().createdBy()).setHeader("Created by");
        grid.addColumn(item -> status(item.schedule())).setHeader("Status").setKey("status");
        grid.addColumn(item ->
                        item.latestRun().map(ReportSchedulesView::lastRun).orElse("not run yet"))
                .setHeader("Last run")
                .setKey("last-run")
                .setFlexGrow(2);
        grid.setAllRowsVisible(true);
    }

    private void confirmCancel(ReportSchedule schedule) {
        Dialog confirm = new Dialog();
        confirm.setId("schedule-cancel-dialog");
        confirm.setHeaderTitle("Cancel this schedule?");
        confirm.add(new Paragraph(reportTitles.getOrDefault(schedule.report(), schedule.report()) + " to "
                + String.join(", ", schedule.recipients())
                + " will no longer be sent. Reports already sent stay in the run log."));
        Button yes = new Button("Cancel schedule", click -> {
            CancelResult result = schedules.cancel(schedule.id(), schedule.revision());
            confirm.close();
            Notification.show(
                    switch (result) {
                        case CANCELLED -> "Schedule cancelled.";
                        case ALREADY_CANCELLED -> "This schedule was cancelled already.";
                        case STALE_REVISION -> "Someone changed this schedule meanwhile: nothing cancelled, try again.";
                        case NOT_FOUND -> "This schedule no longer exists.";
                    });
            refresh();
        });
        yes.setId("schedule-cancel-confirm");
        yes.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.PRIMARY);
        Button keep = new Button("Keep it", click -> confirm.close());
        keep.setId("schedule-cancel-keep");
        confirm.getFooter().add(keep, yes);
        confirm.open();
    }

    private void refresh() {
        grid.setItems(schedules.schedules());
        cancel.setEnabled(false);
    }

    static String status(ReportSchedule schedule) {
        return schedule.active()
                ? "Active"
                : "Cancelled by " + schedule.cancelledBy() + " at " + schedule.cancelledAt();
    }

    static String lastRun(ScheduleRun run) {
        String period = run.periodFrom() + " to " + run.periodTo();
        return switch (run.status()) {
            case SENT -> "Sent " + run.sentAt() + " (" + run.rows() + " rows) for " + period;
            case LOGGED -> "Logged only, no SMTP server (" + run.rows() + " rows) for " + period;
            case FAILED -> "FAILED for " + period + ": " + run.error();
            case SKIPPED -> "Skipped (cancelled) for " + period;
            case SENDING -> "Sending (or interrupted while sending) for " + period;
        };
    }
}
