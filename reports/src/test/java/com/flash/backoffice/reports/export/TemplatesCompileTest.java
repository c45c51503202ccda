package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.reports.LedgerReports;
import java.util.List;
import net.sf.jasperreports.engine.JasperReport;
import org.junit.jupiter.api.Test;

class TemplatesCompileTest {

    private final ReportRegistry registry = LedgerReports.registry();
    private final ReportExporter exporter = new ReportExporter(null, registry);

    @Test
    void every_registered_template_compiles_and_declares_the_common_parameters() {
        for (ReportDefinition definition : registry.all()) {
            JasperReport template = exporter.template(definition);
            assertThat(List.of(template.getParameters()).stream().map(p -> p.getName()))
                    .as(definition.name())
                    .contains(
                            ReportExporter.P_TITLE,
                            ReportExporter.P_GENERATED_AT,
                            ReportExporter.P_CRITERIA,
                            ReportExporter.P_TOTALS);
        }
    }

    @Test
    void a_template_is_compiled_once_and_then_served_from_the_cache() {
        ReportDefinition journal = registry.get(LedgerReports.JOURNAL);

        assertThat(exporter.template(journal)).isSameAs(exporter.template(journal));
    }

    @Test
    void the_registry_refuses_a_second_report_of_the_same_name() {
        ReportDefinition journal = registry.get(LedgerReports.JOURNAL);

        assertThatThrownBy(() -> registry.register(journal)).isInstanceOf(IllegalStateException.class);
        assertThat(registry.all())
                .extracting(ReportDefinition::name)
                .containsExactly(
                        "journal",
                        "trial-balance",
                        "merchant-statement",
                        "fees-revenue",
                        "invoices",
                        "payments",
                        "payouts",
                        "refunds",
                        "card-balances",
                        "card-transactions");
    }

    @Test
    void a_report_without_its_required_criteria_is_refused() {
        ReportDefinition statement = registry.get(LedgerReports.MERCHANT_STATEMENT);

        assertThatThrownBy(() -> statement.check(ReportCriteria.period(
                        java.time.Instant.parse("2025-01-01T00:00:00Z"),
                        java.time.Instant.parse("2025-02-01T00:00:00Z"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merchant");
    }

    @Test
    void a_merchant_is_refused_by_a_report_without_a_merchant_filter_and_optional_where_there_is_one() {
        ReportCriteria february = ReportCriteria.period(
                java.time.Instant.parse("2025-02-01T00:00:00Z"), java.time.Instant.parse("2025-03-01T00:00:00Z"));

        assertThatThrownBy(() -> registry.get(LedgerReports.JOURNAL).check(february.forMerchant("m1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not filter by merchant");
        for (String name : List.of(
                LedgerReports.INVOICES,
                LedgerReports.PAYMENTS,
                LedgerReports.PAYOUTS,
                LedgerReports.REFUNDS,
                LedgerReports.FEES_REVENUE)) {
            ReportDefinition definition = registry.get(name);
            assertThat(definition.merchantFilter()).as(name).isTrue();
            definition.check(february);
            definition.check(february.forMerchant("m1"));
        }
        assertThat(registry.get(LedgerReports.MERCHANT_STATEMENT).merchantFilter())
                .isTrue();
    }
}
