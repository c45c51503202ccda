package com.flash.backoffice.portal.report.schedule.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.portal.report.schedule.ReportScheduleService;
import com.flash.backoffice.portal.report.schedule.SchedulableReport;
import com.flash.backoffice.portal.report.schedule.ScheduleCreateResult;
import com.flash.backoffice.portal.report.schedule.ScheduleDraft;
import com.flash.backoffice.portal.report.schedule.ScheduleField;
import com.flash.backoffice.reports.export.ReportFormat;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextArea;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** Create a schedule: report (and merchant where it needs one), format, how often, recipients, time zone. */
class ScheduleCreateDialog extends Dialog {

    private final ReportScheduleService schedules;
    private final Consumer<ReportSchedule> onCreated;
    final ComboBox<SchedulableReport> report = new ComboBox<>("Report");
    final ComboBox<Merchant> merchant = new ComboBox<>("Merchant");
    final ComboBox<ReportFormat> format = new ComboBox<>("Format");
    final ComboBox<ScheduleFrequency> frequency = new ComboBox<>("Every");
    final TextArea recipients = new TextArea("Recipients (e-mail addresses, at most 20)");
    final ComboBox<String> timeZone = new ComboBox<>("Time zone");
    private final Map<ScheduleField, HasValidation> fields = new EnumMap<>(ScheduleField.class);

    ScheduleCreateDialog(ReportScheduleService schedules, Consumer<ReportSchedule> onCreated) {
        this.schedules = schedules;
        this.onCreated = onCreated;
        setHeaderTitle("New scheduled report");
        report.setId("schedule-report");
        report.setItems(schedules.reports());
        report.setItemLabelGenerator(SchedulableReport::title);
        report.addValueChangeListener(change -> merchant.setVisible(
                change.getValue() != null && change.getValue().perMerchant()));
        merchant.setId("schedule-merchant");
        merchant.setItems(schedules.merchants());
        merchant.setItemLabelGenerator(Merchant::name);
        merchant.setVisible(false);
        format.setId("schedule-format");
        format.setItems(ReportFormat.values());
        format.setValue(ReportFormat.PDF);
        frequency.setId("schedule-frequency");
        frequency.setItems(ScheduleFrequency.values());
        frequency.setItemLabelGenerator(ScheduleCreateDialog::describe);
        frequency.setValue(ScheduleFrequency.DAILY);
        recipients.setId("schedule-recipients");
        recipients.setPlaceholder("accounting@example.com, cfo@example.com");
        timeZone.setId("schedule-time-zone");
        timeZone.setItems(ZoneId.getAvailableZoneIds().stream().sorted().toList());
        timeZone.setAllowCustomValue(true);
        timeZone.addCustomValueSetListener(custom -> timeZone.setValue(custom.getDetail()));
        timeZone.setValue("UTC");
        fields.put(ScheduleField.REPORT, report);
        fields.put(ScheduleField.MERCHANT, merchant);
        fields.put(ScheduleField.FORMAT, format);
        fields.put(ScheduleField.FREQUENCY, frequency);
        fields.put(ScheduleField.RECIPIENTS, recipients);
        fields.put(ScheduleField.TIME_ZONE, timeZone);

        FormLayout form = new FormLayout(report, merchant, format, frequency, timeZone, recipients);
        form.setColspan(recipients, 2);
        add(form);
        Button save = new Button("Create schedule", click -> save());
        save.setId("schedule-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        Button close = new Button("Close", click -> close());
        getFooter().add(close, save);
    }

    private void save() {
        fields.values().forEach(field -> field.setInvalid(false));
        ScheduleCreateResult result = schedules.create(new ScheduleDraft(
                report.getValue() == null ? null : report.getValue().name(),
                merchant.getValue() == null ? null : merchant.getValue().id(),
                format.getValue(),
                frequency.getValue(),
                recipients.getValue(),
                timeZone.getValue()));
        if (result.ok()) {
            close();
            onCreated.accept(result.schedule());
            return;
        }
        result.errors().forEach((field, message) -> {
            HasValidation component = fields.get(field);
            component.setErrorMessage(message);
            component.setInvalid(true);
        });
    }

    static String describe(ScheduleFrequency frequency) {
        return switch (frequency) {
            case DAILY -> "Day (yesterday's report, sent after midnight)";
            case WEEKLY -> "Week (last Monday to Sunday, sent on Monday)";
            case MONTHLY -> "Month (last month, sent on the 1st)";
        };
    }
}
