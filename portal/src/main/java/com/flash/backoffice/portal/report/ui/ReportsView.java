package com.flash.backoffice.portal.report.ui;

import com.flash.backoffice.db.report.ReportExport;
import com.flash.backoffice.db.report.ReportExportStatus;
import com.flash.backoffice.portal.report.ExportListing;
import com.flash.backoffice.portal.report.MerchantOption;
import com.flash.backoffice.portal.report.ReportChoice;
import com.flash.backoffice.portal.report.ReportField;
import com.flash.backoffice.portal.report.ReportFieldError;
import com.flash.backoffice.portal.report.ReportPeriod;
import com.flash.backoffice.portal.report.ReportPlan;
import com.flash.backoffice.portal.report.ReportRange;
import com.flash.backoffice.portal.report.ReportRequest;
import com.flash.backoffice.portal.report.ReportService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.reports.export.ReportFormat;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.function.ValueProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.RolesAllowed;
import java.io.OutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Accounting exports: pick a report, a period (preset or custom days in the business time zone), the merchant when
 * the report has one, and a format. A small export downloads at once; a large one runs in the background and
 * appears in the list below with its progress (polled every second while one runs) and, when done, its file.
 */
@Route("reports")
@PageTitle("Reports · Flash")
@Menu(order = 5, icon = "vaadin:file-table", title = "Reports")
@RolesAllowed({StaffRoles.ACCOUNTANT, StaffRoles.FINANCE, StaffRoles.ADMIN})
class ReportsView extends VerticalLayout {

    static final int POLL_MILLIS = 1000;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportService reports;
    private final ZoneId zone;
    private final ComboBox<ReportChoice> report = new ComboBox<>("Report");
    private final ComboBox<ReportPeriod> period = new ComboBox<>("Period");
    private final DatePicker firstDay = new DatePicker("First day");
    private final DatePicker lastDay = new DatePicker("Last day");
    private final Span range = new Span();
    private final ComboBox<MerchantOption> merchant = new ComboBox<>("Merchant");
    private final ComboBox<ReportFormat> format = new ComboBox<>("Format");
    private final Anchor downloadNow = new Anchor();
    private final Grid<ExportListing> exports = new Grid<>();
    private final Map<ReportField, HasValidation> fields = new EnumMap<>(ReportField.class);
    private Registration polling;

    ReportsView(ReportService reports) {
        this.reports = reports;
        this.zone = reports.timeZone();
        add(new H2("Reports"), form(), downloadNow, exportsGrid());
        fields.put(ReportField.REPORT, report);
        fields.put(ReportField.PERIOD, period);
        fields.put(ReportField.FIRST_DAY, firstDay);
        fields.put(ReportField.LAST_DAY, lastDay);
        fields.put(ReportField.MERCHANT, merchant);
        fields.put(ReportField.FORMAT, format);
        showInputsFor(null);
    }

    private Component form() {
        report.setId("report-name");
        report.setItems(reports.reports());
        report.setItemLabelGenerator(ReportChoice::title);
        report.addValueChangeListener(event -> showInputsFor(event.getValue()));

        period.setId("report-period");
        period.setItems(ReportPeriod.values());
        period.setItemLabelGenerator(ReportPeriod::label);
        period.setValue(ReportPeriod.THIS_MONTH);
        period.addValueChangeListener(event -> showInputsFor(report.getValue()));

        firstDay.setId("report-first-day");
        lastDay.setId("report-last-day");
        range.setId("report-range");

        merchant.setId("report-merchant");
        merchant.setItems(reports.merchants());
        merchant.setItemLabelGenerator(MerchantOption::name);

        format.setId("report-format");
        format.setItems(ReportFormat.values());
        format.setItemLabelGenerator(value -> value.extension().toUpperCase());
        format.setValue(ReportFormat.CSV);

        Button export = new Button("Export", click -> export());
        export.setId("report-export");
        export.addThemeVariants(ButtonVariant.PRIMARY);

        downloadNow.setId("report-download-now");
        downloadNow.setVisible(false);

        HorizontalLayout form = new HorizontalLayout(report, period, firstDay, lastDay, merchant, format, export);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        VerticalLayout layout = new VerticalLayout(form, range);
        layout.setPadding(false);
        return layout;
    }

    private void showInputsFor(ReportChoice choice) {
        boolean custom = period.getValue() == ReportPeriod.CUSTOM;
        boolean readsStart = choice == null || choice.period();
        firstDay.setVisible(custom && readsStart);
        lastDay.setVisible(custom);
        merchant.setVisible(choice != null && choice.merchant());
        range.setText(reports.range(period.getValue())
                .map(value -> describe(value, readsStart))
                .orElse(custom ? "Both days are included; times in " + zone + "." : ""));
    }

    private String describe(ReportRange value, boolean readsStart) {
        String end = MINUTE.format(value.to().atZone(zone));
        if (!readsStart) {
            return "Balances at " + end + " (" + zone + ")";
        }
        return "From " + MINUTE.format(value.from().atZone(zone)) + " to " + end + " (" + zone + ", end excluded)";
    }

    private void export() {
        fields.values().forEach(field -> field.setInvalid(false));
        ReportRequest request = new ReportRequest(
                report.getValue() == null ? null : report.getValue().name(),
                period.getValue(),
                firstDay.getValue(),
                lastDay.getValue(),
                merchant.getValue() == null ? null : merchant.getValue().id(),
                format.getValue());
        switch (reports.plan(request)) {
            case ReportPlan.Invalid invalid -> showErrors(invalid.errors());
            case ReportPlan.Immediate immediate -> offerNow(immediate);
            case ReportPlan.Started started -> {
                downloadNow.setVisible(false);
                Notification.show("The export is large: it runs in the background and its file is kept below.");
                refresh();
            }
        }
    }

    private void showErrors(List<ReportFieldError> errors) {
        for (ReportFieldError error : errors) {
            HasValidation field = fields.get(error.field());
            field.setErrorMessage(error.message());
            field.setInvalid(true);
        }
    }

    /** Small exports stream straight from the database into the browser's download. */
    private void offerNow(ReportPlan.Immediate plan) {
        DownloadHandler handler = event -> {
            event.setFileName(plan.fileName());
            event.setContentType(plan.format().contentType());
            try (OutputStream out = event.getOutputStream()) {
                reports.exportNow(plan, out);
            }
        };
        downloadNow.setHref(handler);
        downloadNow.setText("Download " + plan.fileName());
        downloadNow.setVisible(true);
        downloadNow.getElement().executeJs("this.click()");
    }

    private Component exportsGrid() {
        exports.setId("report-exports");
        column(ReportExport::report, "Report", "report");
        column(this::period, "Period", "period").setAutoWidth(true);
        column(export -> export.merchantId() == null ? "" : export.merchantId(), "Merchant", "merchant");
        column(ReportExport::format, "Format", "format");
        column(ReportExport::requestedBy, "Requested by", "requestedBy");
        column(export -> export.status().name(), "Status", "status");
        exports.addComponentColumn(listing -> progressBar(listing.export()))
                .setHeader("Progress")
                .setKey("progress");
        column(ReportsView::rows, "Rows", "rows").setTextAlign(ColumnTextAlign.END);
        column(export -> export.bytes() == null ? "" : export.bytes() + " B", "Size", "size")
                .setTextAlign(ColumnTextAlign.END);
        column(export -> MINUTE.format(export.createdAt().atZone(zone)), "Requested at", "createdAt");
        exports.addComponentColumn(this::download).setHeader("File").setKey("download");
        exports.setItems(
                query -> reports.exports(query.getOffset(), query.getLimit()).stream(), query -> reports.exportCount());
        return exports;
    }

    private Grid.Column<ExportListing> column(ValueProvider<ReportExport, ?> value, String header, String key) {
        return exports.addColumn(listing -> value.apply(listing.export()))
                .setHeader(header)
                .setKey(key);
    }

    private String period(ReportExport export) {
        String end = export.to() == null ? "" : MINUTE.format(export.to().atZone(zone));
        return export.from() == null ? "at " + end : MINUTE.format(export.from().atZone(zone)) + " – " + end;
    }

    private static ProgressBar progressBar(ReportExport export) {
        ProgressBar bar = new ProgressBar(0, 1, export.progress());
        bar.setIndeterminate(export.status() == ReportExportStatus.QUEUED);
        return bar;
    }

    private static String rows(ReportExport export) {
        if (export.status() == ReportExportStatus.RUNNING && export.rowsExpected() != null) {
            return export.rowsWritten() + " of " + export.rowsExpected();
        }
        return Long.toString(export.rowsWritten());
    }

    private Component download(ExportListing listing) {
        ReportExport export = listing.export();
        if (export.status() == ReportExportStatus.FAILED) {
            return new Span(export.error() == null ? "failed" : export.error());
        }
        return listing.keptFile()
                .<Component>map(file -> {
                    DownloadHandler handler = event -> {
                        event.setFileName(file.fileName());
                        event.setContentType(file.format().contentType());
                        event.setContentLength(file.bytes());
                        try (OutputStream out = event.getOutputStream()) {
                            reports.downloadKeptFile(file.exportId(), out);
                        }
                    };
                    Anchor link = new Anchor(handler, file.fileName());
                    link.setId("report-file-" + file.exportId());
                    return link;
                })
                .orElseGet(Span::new);
    }

    private void refresh() {
        exports.getDataProvider().refreshAll();
        boolean running = reports.exports(0, 50).stream()
                .anyMatch(listing -> !listing.export().status().finished());
        UI ui = UI.getCurrent();
        if (ui != null) {
            ui.setPollInterval(running ? POLL_MILLIS : -1);
        }
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        polling = attachEvent.getUI().addPollListener(event -> refresh());
        refresh();
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        if (polling != null) {
            polling.remove();
        }
        detachEvent.getUI().setPollInterval(-1);
    }
}
