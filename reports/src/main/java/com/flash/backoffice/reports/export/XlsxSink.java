package com.flash.backoffice.reports.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * XLSX written row by row with POI's streaming workbook: only the last {@value #ROWS_IN_MEMORY} rows are in memory,
 * the rest go to a compressed temporary file, and strings are inline (no shared-strings table growing with the
 * rows). Amounts are numeric cells with a BTC or fiat number format; a sheet that reaches the row limit continues
 * on a new sheet that repeats the column header.
 *
 * <p>A spreadsheet number is a double: an amount is a numeric cell only while its exact value has at most
 * {@value #EXACT_DIGITS} significant digits (e.g. up to 9,999.99999999999 BTC), otherwise it is written as exact
 * text, so a cell never shows a rounded amount.
 */
final class XlsxSink implements TabularSink {

    static final int ROWS_IN_MEMORY = 100;
    static final int EXACT_DIGITS = 15;
    static final int MAX_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final OutputStream out;
    private final SXSSFWorkbook workbook;
    private final String sheetName;
    private final int rowsPerSheet;
    private final CellStyle headerStyle;
    private final CellStyle btcStyle;
    private final CellStyle fiatStyle;
    private List<ReportColumn> columns = List.of();
    private SXSSFSheet sheet;
    private int sheets;
    private int nextRow;

    XlsxSink(OutputStream out, String title, int columnCount) {
        this(out, title, columnCount, SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    /** {@code rowsPerSheet} below Excel's 1,048,576 lets tests see a split without a million rows. */
    XlsxSink(OutputStream out, String title, int columnCount, int rowsPerSheet) {
        this.out = out;
        this.rowsPerSheet = rowsPerSheet;
        String safe = WorkbookUtil.createSafeSheetName(title);
        this.sheetName = safe.substring(0, Math.min(safe.length(), 24));
        this.workbook = new SXSSFWorkbook(null, ROWS_IN_MEMORY, true, false);
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        btcStyle = workbook.createCellStyle();
        btcStyle.setDataFormat(workbook.createDataFormat().getFormat("0.00000000###"));
        fiatStyle = workbook.createCellStyle();
        fiatStyle.setDataFormat(workbook.createDataFormat().getFormat("0.00######"));
        newSheet(Math.max(4, columnCount));
    }

    @Override
    public void text(String... fields) {
        Row row = nextRow();
        for (int i = 0; i < fields.length; i++) {
            if (fields[i] != null) {
                row.createCell(i).setCellValue(fit(fields[i]));
            }
        }
    }

    @Override
    public void header(List<ReportColumn> columns) {
        this.columns = List.copyOf(columns);
        writeHeader();
    }

    private void writeHeader() {
        Row row = nextRow();
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(headerStyle);
        }
    }

    @Override
    public void row(Object[] values) {
        if (nextRow == rowsPerSheet) {
            newSheet(columns.size());
            writeHeader();
        }
        Row row = nextRow();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                write(row.createCell(i), values[i], columns.get(i).format());
            }
        }
    }

    private void write(Cell cell, Object value, ColumnFormat format) {
        switch (format) {
            case BTC_FROM_MSAT -> amount(cell, BigDecimal.valueOf(((Number) value).longValue(), 11), btcStyle);
            case DECIMAL ->
                amount(cell, value instanceof BigDecimal d ? d : new BigDecimal(value.toString()), fiatStyle);
            case TIMESTAMP -> cell.setCellValue(Formats.timestamp(Formats.utcWallClock(value)));
            case TEXT -> {
                if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
                    amount(cell, new BigDecimal(value.toString()), null);
                } else {
                    cell.setCellValue(fit(value.toString()));
                }
            }
        }
    }

    @Override
    public void total(ReportTotals.Line total) {
        Row row = nextRow();
        row.createCell(0).setCellValue("Total");
        row.createCell(1).setCellValue(total.currency());
        row.createCell(2).setCellValue(total.label());
        if (!exact(total.amount())) {
            row.createCell(3).setCellValue(total.text());
        } else {
            amount(row.createCell(3), total.amount(), ReportTotals.BTC.equals(total.currency()) ? btcStyle : fiatStyle);
        }
    }

    /** A numeric cell when the double shows the amount exactly, else the exact amount as text. */
    private static void amount(Cell cell, BigDecimal amount, CellStyle style) {
        if (exact(amount)) {
            cell.setCellValue(amount.doubleValue());
            if (style != null) {
                cell.setCellStyle(style);
            }
        } else {
            cell.setCellValue(amount.toPlainString());
        }
    }

    static boolean exact(BigDecimal amount) {
        return amount.stripTrailingZeros().precision() <= EXACT_DIGITS;
    }

    @Override
    public void finish() throws IOException {
        workbook.write(out);
        out.flush();
    }

    /** Deletes the temporary sheet files. */
    @Override
    public void close() {
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException e) {
            // nothing is left to write; the temporary files are already deleted
        }
    }

    private void newSheet(int columnCount) {
        sheets++;
        sheet = workbook.createSheet(sheets == 1 ? sheetName : sheetName + " (" + sheets + ")");
        for (int i = 0; i < columnCount; i++) {
            sheet.setColumnWidth(i, 18 * 256);
        }
        nextRow = 0;
    }

    private Row nextRow() {
        if (nextRow == rowsPerSheet) {
            newSheet(columns.size());
        }
        return sheet.createRow(nextRow++);
    }

    /** Excel holds at most 32,767 characters in a cell. */
    private static String fit(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
