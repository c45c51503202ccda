package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportDefinition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Counts a report's rows with its own query wrapped in {@code COUNT(*)}: what the export will write. */
@Component
class RowCounter {

    private final DSLContext ctx;

    RowCounter(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** At most {@code cap}: the scan stops there. A query that is not a plain SELECT counts as {@code cap}. */
    long countUpTo(ReportDefinition definition, ReportCriteria criteria, long cap) {
        ResultQuery<? extends Record> rows = definition.query().rows(ctx, criteria);
        if (rows instanceof Select<?> select) {
            return ctx.fetchCount(
                    DSL.selectOne().from(select.asTable("report_rows")).limit(cap));
        }
        return cap;
    }

    long count(ReportDefinition definition, ReportCriteria criteria) {
        ResultQuery<? extends Record> rows = definition.query().rows(ctx, criteria);
        return rows instanceof Select<?> select ? ctx.fetchCount(select) : 0;
    }
}
