package com.flash.backoffice.reports.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** CSV in UTF-8 (RFC 4180); text fields pass the {@link FormulaGuard}, amounts and numbers do not. */
final class CsvSink implements TabularSink {

    private final BufferedWriter writer;
    private final CsvWriter csv;
    private ColumnFormat[] formats = new ColumnFormat[0];
    private String[] fields = new String[0];

    CsvSink(OutputStream out, int columns) {
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        this.csv = new CsvWriter(writer, Math.max(4, columns));
    }

    @Override
    public void text(String... texts) throws IOException {
        String[] guarded = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            guarded[i] = FormulaGuard.text(texts[i]);
        }
        csv.write(guarded);
    }

    @Override
    public void header(List<ReportColumn> columns) throws IOException {
        formats = columns.stream().map(ReportColumn::format).toArray(ColumnFormat[]::new);
        fields = new String[columns.size()];
        text(columns.stream().map(ReportColumn::header).toArray(String[]::new));
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < fields.length; i++) {
            String text = Formats.text(values[i], formats[i]);
            fields[i] =
                    formats[i] == ColumnFormat.TEXT && !(values[i] instanceof Number) ? FormulaGuard.text(text) : text;
        }
        csv.write(fields);
    }

    @Override
    public void total(ReportTotals.Line total) throws IOException {
        csv.write("Total", FormulaGuard.text(total.currency()), FormulaGuard.text(total.label()), total.text());
    }

    @Override
    public void finish() throws IOException {
        writer.flush();
    }
}
