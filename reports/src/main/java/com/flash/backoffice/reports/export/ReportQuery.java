package com.flash.backoffice.reports.export;

import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * The data of one report. The exporter runs {@link #rows} lazily (a streaming cursor: rows are never collected
 * into a list) and hands each row to {@link #accumulate} on the way to the output.
 *
 * <p>The column labels of {@link #rows} are the template's field names; {@link #columns} lists those that the
 * CSV and XLSX outputs carry, in order (query columns by label, or columns computed from the row).
 */
public interface ReportQuery {

    List<ReportColumn> columns();

    /**
     * The columns for these criteria, for reports whose columns depend on the data (e.g. one per metadata key or
     * per currency). Called once per export, before {@link #rows}.
     */
    default List<ReportColumn> columns(DSLContext ctx, ReportCriteria criteria) {
        return columns();
    }

    /** The rows in report order. */
    ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria);

    /** Adds one row to the totals. */
    void accumulate(Record row, ReportTotals totals);

    /** Values the template needs besides the rows (e.g. a merchant's name); may seed the totals. */
    default Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        return Map.of();
    }

    /** Called once after the last row, before the summary is printed (e.g. to add a closing balance). */
    default void finish(ReportTotals totals) {}
}
