package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxSinkTest {

    private static final List<ReportColumn> COLUMNS = List.of(
            ReportColumn.timestamp("at", "At"),
            ReportColumn.text("note", "Note"),
            ReportColumn.btc("amount_msat", "Amount BTC"),
            ReportColumn.decimal("fiat", "Fiat"),
            ReportColumn.text("line", "Line"));

    @Test
    void amounts_and_numbers_are_numeric_cells_with_a_number_format_and_text_stays_text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxSink sink = new XlsxSink(out, "Journal", COLUMNS.size());
        try (sink) {
            sink.text("Report", "Journal");
            sink.header(COLUMNS);
            sink.row(new Object[] {
                LocalDateTime.parse("2025-02-01T00:00:00"), "=1+1", 200_000_001L, new BigDecimal("100.25"), 3L
            });
            sink.total(new ReportTotals.Line("BTC", "Debits", BigDecimal.valueOf(200_000_001L, 11), "0.00200000001"));
            sink.finish();
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo("Journal");
            Row row = sheet.getRow(2);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("2025-02-01T00:00:00.000000Z");
            assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("=1+1");
            assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(0.00200000001);
            assertThat(new DataFormatter().formatCellValue(row.getCell(2))).isEqualTo("0.00200000001");
            assertThat(row.getCell(3).getNumericCellValue()).isEqualTo(100.25);
            assertThat(new DataFormatter().formatCellValue(row.getCell(3))).isEqualTo("100.25");
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(3.0);
            Row total = sheet.getRow(3);
            assertThat(total.getCell(0).getStringCellValue()).isEqualTo("Total");
            assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(0.00200000001);
        }
    }

    @Test
    void an_amount_a_double_cannot_show_exactly_is_written_as_exact_text() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxSink sink = new XlsxSink(out, "Big", COLUMNS.size());
        try (sink) {
            sink.header(COLUMNS);
            // 20,999,999.99999999999 BTC has 19 significant digits: no double holds it
            sink.row(
                    new Object[] {null, "x", 2_099_999_999_999_999_999L, new BigDecimal("1234567890.123456789"), null});
            sink.finish();
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Row row = workbook.getSheetAt(0).getRow(1);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("20999999.99999999999");
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("1234567890.123456789");
        }
    }

    @Test
    void rows_past_the_sheet_limit_continue_on_a_new_sheet_that_repeats_the_header() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxSink sink = new XlsxSink(out, "Journal", COLUMNS.size(), 5);
        try (sink) {
            sink.text("Report", "Journal");
            sink.header(COLUMNS);
            for (long i = 1; i <= 8; i++) {
                sink.row(new Object[] {null, "row " + i, i * 1000, null, i});
            }
            sink.text(ReportExporter.NO_DATA);
            sink.finish();
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("Journal (2)");
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isEqualTo(4);
            Sheet second = workbook.getSheetAt(1);
            assertThat(second.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Note");
            assertThat(second.getRow(1).getCell(1).getStringCellValue()).isEqualTo("row 4");
            Sheet third = workbook.getSheetAt(2);
            assertThat(third.getRow(0).getCell(1).getStringCellValue()).isEqualTo("Note");
            assertThat(third.getRow(1).getCell(1).getStringCellValue()).isEqualTo("row 8");
            assertThat(third.getRow(2).getCell(0).getStringCellValue()).isEqualTo(ReportExporter.NO_DATA);
        }
    }

    @Test
    void text_longer_than_a_cell_holds_is_cut_with_an_ellipsis() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxSink sink = new XlsxSink(out, "Long", COLUMNS.size());
        try (sink) {
            sink.header(COLUMNS);
            sink.row(new Object[] {null, "m".repeat(40_000), null, null, null});
            sink.finish();
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            String cell = workbook.getSheetAt(0).getRow(1).getCell(1).getStringCellValue();
            assertThat(cell).hasSize(XlsxSink.MAX_TEXT).endsWith("…");
        }
    }
}
