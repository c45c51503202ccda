package com.flash.backoffice.portal.settlement.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.settlement.SettlementFrequency;
import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementSchedule;
import com.flash.backoffice.portal.settlement.SettlementDraft;
import com.flash.backoffice.portal.settlement.SettlementField;
import com.flash.backoffice.portal.settlement.SettlementSaveResult;
import com.flash.backoffice.portal.settlement.SettlementScheduleService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.timepicker.TimePicker;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** Create a merchant's schedule, or edit one (its merchant stays). */
class SettlementScheduleDialog extends Dialog {

    private final SettlementScheduleService schedules;
    private final SettlementSchedule editing;
    private final Consumer<SettlementSchedule> onSaved;
    final ComboBox<Merchant> merchant = new ComboBox<>("Merchant");
    final ComboBox<SettlementFrequency> frequency = new ComboBox<>("When");
    final ComboBox<DayOfWeek> weekday = new ComboBox<>("Day of the week");
    final BigDecimalField threshold = new BigDecimalField("Threshold (BTC)");
    final TimePicker timeOfDay = new TimePicker("Time of day (UTC)");
    final Paragraph scheduleError = new Paragraph();
    private final Map<SettlementField, HasValidation> fields = new EnumMap<>(SettlementField.class);

    SettlementScheduleDialog(
            SettlementScheduleService schedules, SettlementSchedule editing, Consumer<SettlementSchedule> onSaved) {
        this.schedules = schedules;
        this.editing = editing;
        this.onSaved = onSaved;
        setHeaderTitle(editing == null ? "New settlement schedule" : "Edit settlement schedule");
        merchant.setId("settlement-merchant");
        merchant.setItems(schedules.merchants());
        merchant.setItemLabelGenerator(Merchant::name);
        frequency.setId("settlement-frequency");
        frequency.setItems(SettlementFrequency.values());
        frequency.setItemLabelGenerator(SettlementText::frequency);
        frequency.addValueChangeListener(change -> showFor(change.getValue()));
        weekday.setId("settlement-weekday");
        weekday.setItems(DayOfWeek.values());
        threshold.setId("settlement-threshold");
        timeOfDay.setId("settlement-time");
        timeOfDay.setStep(Duration.ofMinutes(15));
        scheduleError.setId("settlement-schedule-error");
        scheduleError.getStyle().set("color", "var(--lumo-error-text-color)");
        fields.put(SettlementField.MERCHANT, merchant);
        fields.put(SettlementField.FREQUENCY, frequency);
        fields.put(SettlementField.WEEKDAY, weekday);
        fields.put(SettlementField.THRESHOLD, threshold);
        fields.put(SettlementField.TIME_OF_DAY, timeOfDay);
        if (editing == null) {
            frequency.setValue(SettlementFrequency.DAILY);
            timeOfDay.setValue(LocalTime.of(9, 0));
        } else {
            show(editing);
        }
        showFor(frequency.getValue());
        add(
                new Paragraph("Each run requests the merchant's whole payable balance as a payout to its payout"
                        + " destination. A payout still open to that destination, or nothing payable, skips the run."),
                new FormLayout(merchant, frequency, weekday, threshold, timeOfDay),
                scheduleError);
        Button save = new Button(editing == null ? "Create schedule" : "Save", click -> save());
        save.setId("settlement-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        getFooter().add(new Button("Close", click -> close()), save);
    }

    private void show(SettlementSchedule schedule) {
        SettlementPlan plan = schedule.plan();
        schedules.merchants().stream()
                .filter(m -> m.id().equals(schedule.merchantId()))
                .findFirst()
                .ifPresent(merchant::setValue);
        merchant.setReadOnly(true);
        frequency.setValue(plan.frequency());
        weekday.setValue(plan.weekday());
        if (plan.thresholdMsat() != null) {
            threshold.setValue(Msat.ofMsat(plan.thresholdMsat()).toBtc());
        }
        timeOfDay.setValue(LocalTime.MIN.plusMinutes(plan.timeOfDayMinutes()));
    }

    private void showFor(SettlementFrequency chosen) {
        weekday.setVisible(chosen == SettlementFrequency.WEEKLY);
        threshold.setVisible(chosen == SettlementFrequency.THRESHOLD);
        timeOfDay.setLabel(
                chosen == SettlementFrequency.THRESHOLD
                        ? "Check every hour at the minute of (UTC)"
                        : "Time of day (UTC)");
    }

    private void save() {
        fields.values().forEach(field -> field.setInvalid(false));
        scheduleError.setText("");
        SettlementDraft draft = new SettlementDraft(
                merchant.getValue() == null ? null : merchant.getValue().id(),
                frequency.getValue(),
                weekday.getValue(),
                threshold.getValue(),
                timeOfDay.getValue());
        SettlementSaveResult result = editing == null
                ? schedules.create(draft)
                : schedules.update(editing.merchantId(), editing.revision(), draft);
        if (result.ok()) {
            close();
            onSaved.accept(result.schedule());
            return;
        }
        result.errors().forEach((field, message) -> {
            HasValidation component = fields.get(field);
            if (component == null) {
                scheduleError.setText(message);
            } else {
                component.setErrorMessage(message);
                component.setInvalid(true);
            }
        });
    }
}
