package com.flash.backoffice.portal.settlement.ui;

import com.flash.backoffice.db.settlement.SettlementRun;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.portal.settlement.SettlementAction;
import com.flash.backoffice.portal.settlement.SettlementScheduleRow;
import com.flash.backoffice.portal.settlement.SettlementScheduleService;
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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

@Route("settlement-schedules")
@PageTitle("Settlement schedules · Flash")
@Menu(order = 3.5, icon = "vaadin:calendar-clock", title = "Settlement schedules")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class SettlementSchedulesView extends VerticalLayout {

    private final SettlementScheduleService schedules;
    final Grid<SettlementScheduleRow> grid = new Grid<>();
    final Button edit = new Button("Edit");
    final Button pause = new Button("Pause");
    final Button resume = new Button("Resume");
    final Button runNow = new Button("Run now");
    final Button backfill = new Button("Backfill");
    final Button history = new Button("Run history");
    private final boolean writer;

    SettlementSchedulesView(SettlementScheduleService schedules, CurrentUser currentUser) {
        this.schedules = schedules;
        this.writer = currentUser
                .get()
                .map(staff -> staff.has(Role.FINANCE) || staff.has(Role.ADMIN))
                .orElse(false);
        add(
                new H2("Settlement schedules"),
                new Paragraph("A schedule requests the merchant's payable balance as a payout to its payout"
                        + " destination: daily, weekly, or once the balance reaches a threshold. Times are UTC. Each"
                        + " period runs once; a payout still needs its approval."));
        add(actions());
        configureGrid();
        add(grid);
        refresh();
    }

    private HorizontalLayout actions() {
        HorizontalLayout actions = new HorizontalLayout();
        if (writer) {
            Button create = new Button(
                    "New schedule",
                    click -> new SettlementScheduleDialog(schedules, null, saved -> {
                                Notification.show("Schedule created.");
                                refresh();
                            })
                            .open());
            create.setId("settlement-new");
            create.addThemeVariants(ButtonVariant.PRIMARY);
            edit.setId("settlement-edit");
            edit.addClickListener(click -> selected()
                    .ifPresent(schedule -> new SettlementScheduleDialog(schedules, schedule, saved -> {
                                Notification.show("Schedule saved: the next period follows the new plan.");
                                refresh();
                            })
                            .open()));
            pause.setId("settlement-pause");
            pause.addClickListener(click -> act(s -> schedules.pause(s.merchantId(), s.revision())));
            resume.setId("settlement-resume");
            resume.addClickListener(click -> act(s -> schedules.resume(s.merchantId(), s.revision())));
            runNow.setId("settlement-run-now");
            runNow.addClickListener(click -> act(s -> schedules.triggerNow(s.merchantId())));
            backfill.setId("settlement-backfill");
            backfill.addClickListener(click ->
                    selected().ifPresent(schedule -> new BackfillDialog(schedules, schedule, this::refresh).open()));
            actions.add(create, edit, pause, resume, runNow, backfill);
        }
        history.setId("settlement-history");
        history.addClickListener(click -> selected().ifPresent(this::showHistory));
        actions.add(history);
        grid.addSelectionListener(selection -> enableFor(selected()));
        return actions;
    }

    private void configureGrid() {
        grid.setId("settlement-grid");
        grid.addColumn(row -> row.overview().merchantName())
                .setHeader("Merchant")
                .setKey("merchant");
        grid.addColumn(row -> SettlementText.plan(row.overview().schedule().plan()))
                .setHeader("Plan")
                .setKey("plan")
                .setFlexGrow(2);
        grid.addColumn(row -> row.nextRun().map(SettlementText::time).orElse("—"))
                .setHeader("Next run")
                .setKey("next-run");
        grid.addColumn(row -> row.overview().schedule().paused() ? "Paused" : "Active")
                .setHeader("Status")
                .setKey("status");
        grid.addColumn(row ->
                        row.overview().latestRun().map(SettlementText::run).orElse("not run yet"))
                .setHeader("Last run")
                .setKey("last-run")
                .setFlexGrow(3);
        grid.setAllRowsVisible(true);
    }

    private void act(Function<SettlementSchedule, SettlementAction> action) {
        selected().ifPresent(schedule -> {
            Notification.show(action.apply(schedule).message());
            refresh();
        });
    }

    private void showHistory(SettlementSchedule schedule) {
        Dialog dialog = new Dialog();
        dialog.setId("settlement-history-dialog");
        dialog.setHeaderTitle("Run history");
        Grid<SettlementRun> runs = new Grid<>();
        runs.setId("settlement-history-grid");
        runs.addColumn(run -> SettlementText.time(run.periodAt())).setHeader("Period");
        runs.addColumn(run -> run.trigger().name().toLowerCase()).setHeader("Trigger");
        runs.addColumn(SettlementRun::describe).setHeader("Result").setFlexGrow(3);
        runs.addColumn(run -> SettlementText.time(run.updatedAt())).setHeader("Recorded");
        List<SettlementRun> items = schedules.history(schedule.merchantId());
        runs.setItems(items);
        runs.setWidth("60rem");
        dialog.add(items.isEmpty() ? new Paragraph("No run yet.") : runs);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        dialog.open();
    }

    private Optional<SettlementSchedule> selected() {
        return grid.getSelectedItems().stream()
                .findFirst()
                .map(row -> row.overview().schedule());
    }

    private void enableFor(Optional<SettlementSchedule> schedule) {
        boolean chosen = schedule.isPresent();
        boolean paused = schedule.map(SettlementSchedule::paused).orElse(false);
        edit.setEnabled(chosen);
        pause.setEnabled(chosen && !paused);
        resume.setEnabled(chosen && paused);
        runNow.setEnabled(chosen && !paused);
        backfill.setEnabled(chosen && !paused);
        history.setEnabled(chosen);
    }

    private void refresh() {
        grid.setItems(schedules.schedules());
        enableFor(Optional.empty());
    }
}
