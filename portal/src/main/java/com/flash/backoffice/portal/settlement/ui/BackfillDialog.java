package com.flash.backoffice.portal.settlement.ui;

import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.portal.settlement.SettlementAction;
import com.flash.backoffice.portal.settlement.SettlementField;
import com.flash.backoffice.portal.settlement.SettlementScheduleService;
import com.flash.backoffice.workflows.settlement.SettlementPeriods;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;

/** Run the missed periods of some past days (UTC). */
class BackfillDialog extends Dialog {

    final DatePicker from = new DatePicker("First day (UTC)");
    final DatePicker to = new DatePicker("Last day (UTC)");
    final Paragraph problem = new Paragraph();

    BackfillDialog(SettlementScheduleService schedules, SettlementSchedule schedule, Runnable onDone) {
        setHeaderTitle("Backfill missed periods");
        from.setId("backfill-from");
        to.setId("backfill-to");
        problem.setId("backfill-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        add(
                new Paragraph("Runs each past period of these days that has not run yet, oldest first, at most "
                        + SettlementPeriods.MAX_BACKFILL_PERIODS + ". The balance is cumulative: the first period that"
                        + " finds a payable amount requests all of it, the later ones record \"nothing payable\"."),
                new FormLayout(from, to),
                problem);
        Button run = new Button("Backfill", click -> {
            from.setInvalid(false);
            to.setInvalid(false);
            SettlementAction result = schedules.backfill(schedule.merchantId(), from.getValue(), to.getValue());
            if (result.done()) {
                close();
                Notification.show(result.message());
                onDone.run();
                return;
            }
            problem.setText(result.message());
            String fromError = result.errors().get(SettlementField.BACKFILL_FROM);
            String toError = result.errors().get(SettlementField.BACKFILL_TO);
            if (fromError != null) {
                from.setErrorMessage(fromError);
                from.setInvalid(true);
            }
            if (toError != null) {
                to.setErrorMessage(toError);
                to.setInvalid(true);
            }
        });
        run.setId("backfill-run");
        run.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Close", click -> close()), run);
    }
}
