package com.flash.backoffice.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportExporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** An export's result and bytes, read back by independent readers: commons-csv, PDFBox and POI's XSSF. */
record ExportedReport(ExportResult result, byte[] bytes) {

    List<CSVRecord> csv() throws IOException {
        return CSVFormat.RFC4180
                .parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)))
                .getRecords();
    }

    String pdfText() throws IOException {
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(bytes)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Every cell of every sheet as displayed by the cell's number format. */
    List<String> xlsxCells() throws IOException {
        List<String> cells = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        for (List<Cell> row : xlsxRows()) {
            for (Cell cell : row) {
                cells.add(formatter.formatCellValue(cell));
            }
        }
        return cells;
    }

    /** The rows of every sheet in order; the workbook stays readable because cells are detached values. */
    List<List<Cell>> xlsxRows() throws IOException {
        List<List<Cell>> rows = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    List<Cell> cells = new ArrayList<>();
                    row.forEach(cells::add);
                    rows.add(cells);
                }
            }
        }
        return rows;
    }

    /** The XLSX data rows under the header row whose first cell is {@code firstHeader}, as typed values. */
    List<List<Object>> xlsxTable(String firstHeader) throws IOException {
        List<List<Object>> table = new ArrayList<>();
        boolean inTable = false;
        int width = 0;
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    Cell first = row.getCell(0);
                    String firstText =
                            first == null || first.getCellType() != CellType.STRING ? "" : first.getStringCellValue();
                    if (firstText.equals(firstHeader)) {
                        inTable = true;
                        width = row.getLastCellNum();
                    } else if (firstText.equals("Total") || firstText.equals(ReportExporter.NO_DATA)) {
                        inTable = false;
                    } else if (inTable) {
                        List<Object> values = new ArrayList<>();
                        for (int i = 0; i < width; i++) {
                            values.add(value(row.getCell(i)));
                        }
                        table.add(values);
                    }
                }
            }
        }
        return table;
    }

    /** The XLSX {@code Total} rows as [currency, label, value], value a Double when the cell is numeric. */
    List<List<Object>> xlsxTotals() throws IOException {
        List<List<Object>> totals = new ArrayList<>();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    if ("Total".equals(value(row.getCell(0)))) {
                        totals.add(List.of(value(row.getCell(1)), value(row.getCell(2)), value(row.getCell(3))));
                    }
                }
            }
        }
        return totals;
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return "";
        }
        return switch (cell.getCellType()) {
            case NUMERIC -> cell.getNumericCellValue();
            case STRING -> cell.getStringCellValue();
            case BOOLEAN -> cell.getBooleanCellValue();
            default -> "";
        };
    }

    /** The CSV data rows of the table whose header row starts with {@code firstHeader}, up to the totals. */
    static List<CSVRecord> table(List<CSVRecord> records, String firstHeader) {
        List<CSVRecord> rows = new ArrayList<>();
        boolean inTable = false;
        for (CSVRecord record : records) {
            if (!inTable) {
                inTable = record.get(0).equals(firstHeader);
            } else if (record.get(0).equals("Total") || record.get(0).equals(ReportExporter.NO_DATA)) {
                break;
            } else {
                rows.add(record);
            }
        }
        return rows;
    }

    /** The CSV header record of the table whose header starts with {@code firstHeader}. */
    static List<String> header(List<CSVRecord> records, String firstHeader) {
        return records.stream()
                .filter(r -> r.get(0).equals(firstHeader))
                .findFirst()
                .orElseThrow()
                .toList();
    }

    static List<List<String>> totalRows(List<CSVRecord> records) {
        return records.stream()
                .filter(r -> r.get(0).equals("Total"))
                .map(r -> List.of(r.get(1), r.get(2), r.get(3)))
                .toList();
    }
}
