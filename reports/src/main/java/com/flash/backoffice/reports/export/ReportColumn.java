package com.flash.backoffice.reports.export;

import java.util.Objects;
import java.util.function.Function;
import org.jooq.Record;

/**
 * A column of a report's rows. {@code field} is the query's column label and the template's field name; a column
 * with a {@code value} function is computed from the row instead (e.g. one key of a JSON column), and the template
 * may name it as a field too.
 */
public record ReportColumn(String field, String header, ColumnFormat format, Function<Record, Object> value) {

    public ReportColumn {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(format, "format");
    }

    public ReportColumn(String field, String header, ColumnFormat format) {
        this(field, header, format, null);
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

    /** This column, computed from the row by {@code value} rather than read from a query column. */
    public ReportColumn computedBy(Function<Record, Object> value) {
        return new ReportColumn(field, header, format, Objects.requireNonNull(value, "value"));
    }

    public boolean computed() {
        return value != null;
    }
}
