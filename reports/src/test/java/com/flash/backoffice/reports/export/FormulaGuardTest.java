package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaGuardTest {

    @Test
    void text_starting_with_a_formula_character_gets_a_leading_apostrophe() {
        assertThat(FormulaGuard.text("=HYPERLINK(\"http://evil\")")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(FormulaGuard.text("+1+2")).isEqualTo("'+1+2");
        assertThat(FormulaGuard.text("-2+3")).isEqualTo("'-2+3");
        assertThat(FormulaGuard.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(FormulaGuard.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(FormulaGuard.text("\rcmd")).isEqualTo("'\rcmd");
    }

    @Test
    void other_text_and_empty_values_are_unchanged() {
        assertThat(FormulaGuard.text("Acme = best")).isEqualTo("Acme = best");
        assertThat(FormulaGuard.text("")).isEmpty();
        assertThat(FormulaGuard.text(null)).isNull();
    }

    @Test
    void in_a_csv_rows_text_columns_are_guarded_while_amounts_and_numbers_stay_numbers() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvSink csv = new CsvSink(out, 4);
        csv.text("Merchant name", "=cmd|' /C calc'!A0");
        csv.header(List.of(
                ReportColumn.text("note", "Note"),
                ReportColumn.btc("amount_msat", "Amount BTC"),
                ReportColumn.decimal("fiat", "Fiat"),
                ReportColumn.text("count", "Count")));
        csv.row(new Object[] {"-1 refund, \"partial\"", -10_000L, new BigDecimal("-1.50"), -3L});
        csv.total(new ReportTotals.Line("BTC", "Net", new BigDecimal("-0.0000001"), "-0.00000010"));
        csv.finish();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("Merchant name,'=cmd|' /C calc'!A0,,\r\n"
                        + "Note,Amount BTC,Fiat,Count\r\n"
                        + "\"'-1 refund, \"\"partial\"\"\",-0.00000010,-1.50,-3\r\n"
                        + "Total,BTC,Net,-0.00000010\r\n");
    }
}
