package com.flash.backoffice.portal.report.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ReportFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {

    private static Map<ScheduleField, String> check(String report, String merchant, String recipients, String zone) {
        return ScheduleRules.check(
                new ScheduleDraft(report, merchant, ReportFormat.CSV, ScheduleFrequency.MONTHLY, recipients, zone),
                LedgerReports.registry(),
                id -> id.equals("m1"),
                new ArrayList<>());
    }

    @Test
    void recipients_are_split_on_commas_semicolons_and_whitespace_lower_cased_and_deduplicated() {
        List<String> recipients = new ArrayList<>();

        assertThat(ScheduleRules.recipientError(
                        "Ann@Example.com; bob@example.org,\nann@example.com  c.d+e@mail.example.co.uk", recipients))
                .isEmpty();
        assertThat(recipients).containsExactly("ann@example.com", "bob@example.org", "c.d+e@mail.example.co.uk");
    }

    @Test
    void addresses_without_a_dotted_domain_or_with_odd_dots_are_refused() {
        for (String bad : List.of(
                "ann",
                "ann@",
                "@example.com",
                "ann@localhost",
                "ann..b@example.com",
                ".ann@example.com",
                "ann@-example.com",
                "Ann <ann@example.com>")) {
            assertThat(ScheduleRules.recipientError(bad, new ArrayList<>()))
                    .as(bad)
                    .isPresent();
        }
    }

    @Test
    void twenty_recipients_pass_and_twenty_one_do_not() {
        String twenty = String.join(
                ",",
                java.util.stream.IntStream.rangeClosed(1, 20)
                        .mapToObj(i -> "r" + i + "@example.com")
                        .toList());

        assertThat(ScheduleRules.recipientError(twenty, new ArrayList<>())).isEmpty();
        assertThat(ScheduleRules.recipientError(twenty + ",r21@example.com", new ArrayList<>()))
                .contains("At most 20 recipients (21 given).");
    }

    @Test
    void a_merchant_is_required_and_must_exist_only_where_the_report_is_about_one_merchant() {
        assertThat(check(LedgerReports.MERCHANT_STATEMENT, null, "a@example.com", "UTC"))
                .containsOnlyKeys(ScheduleField.MERCHANT);
        assertThat(check(LedgerReports.MERCHANT_STATEMENT, "m2", "a@example.com", "UTC"))
                .containsEntry(ScheduleField.MERCHANT, "No such merchant.");
        assertThat(check(LedgerReports.MERCHANT_STATEMENT, "m1", "a@example.com", "UTC"))
                .isEmpty();
        assertThat(check(LedgerReports.JOURNAL, null, "a@example.com", "UTC")).isEmpty();
    }

    @Test
    void unknown_reports_and_time_zones_are_refused() {
        assertThat(check("no-such-report", null, "a@example.com", "Mars/Olympus"))
                .containsOnlyKeys(ScheduleField.REPORT, ScheduleField.TIME_ZONE);
        assertThat(check(LedgerReports.JOURNAL, null, "a@example.com", "America/New_York"))
                .isEmpty();
    }
}
