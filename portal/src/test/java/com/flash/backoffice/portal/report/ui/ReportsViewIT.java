package com.flash.backoffice.portal.report.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.refund.NewRefund;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundSource;
import com.flash.backoffice.db.refund.RefundStartResult;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.report.ReportExport;
import com.flash.backoffice.db.report.ReportExportRepository;
import com.flash.backoffice.db.report.ReportExportStatus;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.base.ui.AccessDeniedView;
import com.flash.backoffice.portal.report.ExportAudit;
import com.flash.backoffice.portal.report.ExportListing;
import com.flash.backoffice.portal.report.LedgerSeed;
import com.flash.backoffice.portal.report.MerchantOption;
import com.flash.backoffice.portal.report.ReportChoice;
import com.flash.backoffice.portal.report.ReportPeriod;
import com.flash.backoffice.portal.report.ReportPeriods;
import com.flash.backoffice.portal.report.ReportService;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ReportFormat;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.PollEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.progressbar.ProgressBar;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;

@PortalSpringTest
class ReportsViewIT {

    static final ReportChoice STATEMENT =
            new ReportChoice(LedgerReports.MERCHANT_STATEMENT, "Merchant statement", true, true);
    static final ReportChoice JOURNAL = new ReportChoice(LedgerReports.JOURNAL, "Journal", true, false);
    static final ReportChoice PAYOUTS = new ReportChoice(LedgerReports.PAYOUTS, "Payouts", true, false);
    static final ReportChoice REFUNDS = new ReportChoice(LedgerReports.REFUNDS, "Refunds", true, false);

    @Autowired
    ApplicationContext context;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    ReportExportRepository exports;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    ReportPeriods periods;

    @Autowired
    ReportService reportService;

    @Autowired
    PayoutRepository payouts;

    @Autowired
    RefundRepository refunds;

    @Autowired
    DSLContext dsl;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @SuppressWarnings("unchecked")
    private void fill(ReportChoice report, ReportPeriod period, Merchant merchant, ReportFormat format) {
        UI.getCurrent().navigate("reports");
        ComboBox<ReportChoice> reportBox = _get(ComboBox.class, spec -> spec.withId("report-name"));
        _setValue(reportBox, report);
        ComboBox<ReportPeriod> periodBox = _get(ComboBox.class, spec -> spec.withId("report-period"));
        _setValue(periodBox, period);
        if (merchant != null) {
            ComboBox<MerchantOption> merchantBox = _get(ComboBox.class, spec -> spec.withId("report-merchant"));
            _setValue(merchantBox, new MerchantOption(merchant.id(), merchant.name()));
        }
        ComboBox<ReportFormat> formatBox = _get(ComboBox.class, spec -> spec.withId("report-format"));
        _setValue(formatBox, format);
    }

    private static void export() {
        _click(_get(Button.class, spec -> spec.withId("report-export")));
    }

    private List<AuditEntry> audits(String actor, String action) {
        return auditLog.find(new AuditQuery(actor, action, null, null, 0, 1000));
    }

    @Test
    void a_small_statement_downloads_at_once_and_the_download_is_audited_with_its_rows() {
        Merchant merchant = LedgerSeed.merchantWithSettlements(
                merchants,
                ledger,
                3,
                periods.range(ReportPeriod.THIS_MONTH).from().plusSeconds(1));
        int exportsBefore = exports.count();
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);

        fill(STATEMENT, ReportPeriod.THIS_MONTH, merchant, ReportFormat.CSV);
        export();

        Anchor download = byId(Anchor.class, "report-download-now");
        assertThat(download.isVisible()).isTrue();
        byte[] csv = DownloadKt._download(download);
        assertThat(LedgerSeed.statementRows(csv)).hasSize(3);
        assertThat(exports.count()).isEqualTo(exportsBefore);
        assertThat(audits("accountant", ExportAudit.ACTION_DOWNLOAD))
                .filteredOn(entry -> entry.afterJson().contains(merchant.id()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.afterJson())
                        .contains("\"rows\":3", "\"via\":\"ui\"", "\"format\":\"CSV\"", "merchant-statement"));
    }

    @Test
    void a_year_long_export_runs_in_the_background_shows_its_progress_to_done_and_its_kept_file_downloads() {
        Merchant merchant = LedgerSeed.merchantWithSettlements(
                merchants,
                ledger,
                5,
                periods.range(ReportPeriod.THIS_YEAR).from().plusSeconds(1));
        KaribuSpring.openAs(context, "finance", Role.FINANCE);

        fill(STATEMENT, ReportPeriod.THIS_YEAR, merchant, ReportFormat.CSV);
        export();

        assertThat(byId(Anchor.class, "report-download-now").isVisible()).isFalse();
        ReportExport started = exports.recent(0, 1).getFirst();
        assertThat(started.merchantId()).isEqualTo(merchant.id());
        assertThat(started.requestedBy()).isEqualTo("finance");
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(ReportsView.POLL_MILLIS);
        eventually(() -> exports.findById(started.id()).orElseThrow().status() == ReportExportStatus.DONE);

        ComponentUtil.fireEvent(UI.getCurrent(), new PollEvent(UI.getCurrent(), true));

        @SuppressWarnings("unchecked")
        Grid<ExportListing> grid = _get(Grid.class, spec -> spec.withId("report-exports"));
        int row = rowOf(grid, started.id());
        assertThat(GridKt._getFormatted(grid, row, "status")).isEqualTo("DONE");
        assertThat(GridKt._getFormatted(grid, row, "rows")).isEqualTo("5");
        ProgressBar progress = (ProgressBar) GridKt._getCellComponent(grid, row, "progress");
        assertThat(progress.getValue()).isEqualTo(1.0);
        assertThat(UI.getCurrent().getPollInterval()).isEqualTo(-1);
        Anchor file = (Anchor) GridKt._getCellComponent(grid, row, "download");
        // Karibu renders the cell afresh, detached; a download link registers its handler only once attached
        UI.getCurrent().add(file);
        byte[] csv = DownloadKt._download(file);
        assertThat(LedgerSeed.statementRows(csv)).hasSize(5);

        assertThat(audits("finance", ExportAudit.ACTION_REQUESTED))
                .filteredOn(entry -> entry.afterJson().contains(started.id()))
                .hasSize(1);
        assertThat(audits("finance", ExportAudit.ACTION_COMPLETED))
                .filteredOn(entry -> entry.afterJson().contains(started.id()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.afterJson()).contains("\"rows\":5"));
        assertThat(audits("finance", ExportAudit.ACTION_DOWNLOAD))
                .filteredOn(entry -> entry.afterJson().contains(started.id()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.afterJson()).contains("\"via\":\"ui-kept-file\"", "\"rows\":5"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bad_input_shows_field_messages_and_neither_downloads_nor_starts_anything() {
        int exportsBefore = exports.count();
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("reports");

        _setValue(_get(ComboBox.class, spec -> spec.withId("report-format")), null);
        export();
        assertThat(_get(ComboBox.class, spec -> spec.withId("report-name")).getErrorMessage())
                .isEqualTo("Choose a report.");
        assertThat(_get(ComboBox.class, spec -> spec.withId("report-format")).getErrorMessage())
                .isEqualTo("Choose a format.");

        fill(JOURNAL, ReportPeriod.CUSTOM, null, ReportFormat.PDF);
        DatePicker firstDay = _get(DatePicker.class, spec -> spec.withId("report-first-day"));
        DatePicker lastDay = _get(DatePicker.class, spec -> spec.withId("report-last-day"));
        assertThat(firstDay.isVisible()).isTrue();
        _setValue(firstDay, LocalDate.of(2026, 3, 10));
        _setValue(lastDay, LocalDate.of(2026, 3, 9));
        export();
        assertThat(lastDay.isInvalid()).isTrue();
        assertThat(lastDay.getErrorMessage()).isEqualTo("The last day cannot be before the first day.");
        assertThat(_get(ComboBox.class, spec -> spec.withId("report-name")).isInvalid())
                .isFalse();

        _setValue(firstDay, null);
        export();
        assertThat(firstDay.getErrorMessage()).isEqualTo("Enter the first day.");

        fill(STATEMENT, ReportPeriod.THIS_MONTH, null, ReportFormat.CSV);
        export();
        assertThat(_get(ComboBox.class, spec -> spec.withId("report-merchant")).getErrorMessage())
                .isEqualTo("Choose a merchant.");

        assertThat(byId(Anchor.class, "report-download-now").isVisible()).isFalse();
        assertThat(exports.count()).isEqualTo(exportsBefore);
    }

    @Test
    @SuppressWarnings("unchecked")
    void every_registered_report_is_offered_and_the_payouts_report_downloads_this_months_payouts() {
        Merchant merchant = LedgerSeed.merchantWithSettlements(
                merchants,
                ledger,
                1,
                periods.range(ReportPeriod.THIS_MONTH).from().plusSeconds(1));
        Payout payout = ((PayoutRequestResult.Created) payouts.request(new NewPayout(
                        merchant.id(),
                        "lnbcrt-reports-view-" + merchant.id(),
                        PayoutDestinationKind.BOLT11,
                        123_456L,
                        1_000L,
                        PayoutOrigin.PORTAL,
                        "finance")))
                .payout();
        KaribuSpring.openAs(context, "finance", Role.FINANCE);
        UI.getCurrent().navigate("reports");

        assertThat(_get(ComboBox.class, spec -> spec.withId("report-name"))
                        .getListDataView()
                        .getItems())
                .extracting(choice -> ((ReportChoice) choice).name())
                .containsExactly(
                        LedgerReports.JOURNAL,
                        LedgerReports.TRIAL_BALANCE,
                        LedgerReports.MERCHANT_STATEMENT,
                        LedgerReports.FEES_REVENUE,
                        LedgerReports.INVOICES,
                        LedgerReports.PAYMENTS,
                        LedgerReports.PAYOUTS,
                        LedgerReports.REFUNDS,
                        LedgerReports.CARD_BALANCES,
                        LedgerReports.CARD_TRANSACTIONS);

        fill(PAYOUTS, ReportPeriod.THIS_MONTH, null, ReportFormat.CSV);
        export();

        String csv =
                new String(DownloadKt._download(byId(Anchor.class, "report-download-now")), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("Date (UTC),Source,State,Payment type,Currency,Amount,Original currency,Original amount,")
                .contains(",Portal,AwaitingApproval,Lightning,BTC,0.00000123456,BTC,0.00000123456,lnbcrt-reports-view-"
                        + merchant.id() + ",,," + payout.id() + "," + merchant.id() + ",");
    }

    @Test
    void the_refunds_report_downloads_this_months_refunds_with_btcpays_columns_first() {
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant merchant = paid.merchantWithBalance(100_000_000L);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000L, 10_000_000L, new BigDecimal("50000"), null);
        Refund refund = ((RefundStartResult.Created) refunds.start(new NewRefund(
                        invoice.id(),
                        new RefundQuote(RefundVariant.RATE_THEN, 1_234_560L, null, null, null, BigDecimal.ZERO, true),
                        RefundSource.MERCHANT,
                        null,
                        "reports view refund",
                        false,
                        null,
                        RefundOrigin.PORTAL,
                        "support",
                        10_000L)))
                .refund();
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);

        fill(REFUNDS, ReportPeriod.THIS_MONTH, null, ReportFormat.CSV);
        assertThat(byId(ComboBox.class, "report-merchant").isVisible()).isFalse();
        export();

        String csv =
                new String(DownloadKt._download(byId(Anchor.class, "report-download-now")), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("Date (UTC),Invoice id,Currency,Completed,Awaiting,Limit,Fully paid,Refund id,Store id,Store,"
                        + "Variant,State,Reason,Requested by,Fee BTC,Proof,\"Completed, cancelled or expired (UTC)\"")
                .contains("," + invoice.id() + ",BTC,0.00000000,0.0000123456,0.0000123456,false," + refund.id() + ","
                        + merchant.id() + "," + merchant.name() + ",RateThen,AwaitingApproval,reports view refund,"
                        + "support,,,");
        assertThat(audits("accountant", ExportAudit.ACTION_DOWNLOAD))
                .anySatisfy(entry -> assertThat(entry.afterJson())
                        .contains("\"report\":\"refunds\"", "\"via\":\"ui\"", "\"format\":\"CSV\""));
    }

    @Test
    void the_merchant_filter_is_offered_only_for_reports_that_have_one() {
        KaribuSpring.openAs(context, "accountant", Role.ACCOUNTANT);
        fill(JOURNAL, ReportPeriod.LAST_MONTH, null, ReportFormat.CSV);
        assertThat(byId(ComboBox.class, "report-merchant").isVisible()).isFalse();
        fill(STATEMENT, ReportPeriod.LAST_MONTH, null, ReportFormat.CSV);
        assertThat(byId(ComboBox.class, "report-merchant").isVisible()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"ACCOUNTANT", "FINANCE", "ADMIN"})
    void accountant_finance_and_admin_open_the_reports_view(Role role) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);
        UI.getCurrent().navigate("reports");
        assertThat(_find(AccessDeniedView.class)).isEmpty();
        assertThat(_find(ReportsView.class)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"SUPPORT", "MARKETING"})
    void support_and_marketing_are_refused_the_view_and_the_service(Role role) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);
        UI.getCurrent().navigate("reports");
        assertThat(_find(AccessDeniedView.class)).hasSize(1);
        assertThatThrownBy(() -> reportService.reports()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> reportService.exports(0, 10)).isInstanceOf(AccessDeniedException.class);
    }

    /** Finds a component by id whether or not it is visible (Karibu's locators see visible ones only). */
    private static <T extends Component> T byId(Class<T> type, String id) {
        return descendants(UI.getCurrent())
                .filter(type::isInstance)
                .filter(component -> component.getId().filter(id::equals).isPresent())
                .map(type::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " with id " + id));
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(ReportsViewIT::descendants));
    }

    private static int rowOf(Grid<ExportListing> grid, String exportId) {
        int size = GridKt._size(grid);
        for (int i = 0; i < size; i++) {
            if (GridKt._get(grid, i).export().id().equals(exportId)) {
                return i;
            }
        }
        throw new AssertionError("export " + exportId + " is not in the grid");
    }

    private static void eventually(BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
