package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportColumn;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportQuery;
import com.flash.backoffice.reports.export.ReportTotals;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/** A report's query that also reports each row as it streams past: the exporter accumulates every row once. */
final class ProgressQuery implements ReportQuery {

    private final ReportQuery delegate;
    private final LongConsumer rowsSoFar;
    private long rows;

    ProgressQuery(ReportQuery delegate, LongConsumer rowsSoFar) {
        this.delegate = delegate;
        this.rowsSoFar = rowsSoFar;
    }

    @Override
    public List<ReportColumn> columns() {
        return delegate.columns();
    }

    @Override
    public ResultQuery<? extends Record> rows(DSLContext ctx, ReportCriteria criteria) {
        return delegate.rows(ctx, criteria);
    }

    @Override
    public void accumulate(Record row, ReportTotals totals) {
        delegate.accumulate(row, totals);
        rowsSoFar.accept(++rows);
    }

    @Override
    public Map<String, Object> parameters(DSLContext ctx, ReportCriteria criteria, ReportTotals totals) {
        return delegate.parameters(ctx, criteria, totals);
    }

    @Override
    public void finish(ReportTotals totals) {
        delegate.finish(totals);
    }
}
