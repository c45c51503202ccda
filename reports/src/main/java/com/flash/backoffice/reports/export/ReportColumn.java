package com.flash.backoffice.reports.export;

import java.util.Objects;

/** A column of a report's rows: {@code field} is the query's column label and the template's field name. */
public record ReportColumn(String field, String header, ColumnFormat format) {

    public ReportColumn {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(format, "format");
    }

    public static ReportColumn text(String field, String header) {
        return new ReportColumn(field, header, ColumnFormat.TEXT);
    }

    public static ReportColumn btc(String field, String header) {
        return new ReportColumn(field, header, ColumnFormat.BTC_FROM_MSAT);
    }

    public static ReportColumn decimal(String field, String header) {
        return new ReportColumn(field, header, ColumnFormat.DECIMAL);
    }

    public static ReportColumn timestamp(String field, String header) {
        return new ReportColumn(field, header, ColumnFormat.TIMESTAMP);
    }
}
