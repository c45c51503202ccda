package com.flash.backoffice.reports.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRField;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Feeds JasperReports one row at a time from an open jOOQ cursor; only the current row is held. Each row passes
 * through the query's totals on the way, and the query's {@code finish} runs once when the rows end. A template
 * field is a query column of that label or else a computed report column of that name.
 */
final class CursorDataSource implements JRDataSource {

    private final Cursor<? extends Record> cursor;
    private final ReportQuery query;
    private final ReportTotals totals;
    private final ExporterProgress progress;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final Map<String, Function<Record, Object>> computed = new HashMap<>();
    private Record current;
    private long rows;
    private boolean finished;

    CursorDataSource(
            Cursor<? extends Record> cursor,
            ReportQuery query,
            List<ReportColumn> columns,
            ReportTotals totals,
            ExporterProgress progress) {
        this.cursor = cursor;
        this.query = query;
        this.totals = totals;
        this.progress = progress;
        Field<?>[] fields = cursor.fields();
        for (int i = 0; i < fields.length; i++) {
            indexByName.put(fields[i].getName(), i);
        }
        for (ReportColumn column : columns) {
            if (column.computed()) {
                computed.put(column.field(), column.value());
            }
        }
    }

    @Override
    public boolean next() {
        if (finished) {
            return false;
        }
        current = cursor.fetchNext();
        if (current == null) {
            finished = true;
            query.finish(totals);
            return false;
        }
        rows++;
        query.accumulate(current, totals);
        progress.row(rows);
        return true;
    }

    @Override
    public Object getFieldValue(JRField field) {
        Integer index = indexByName.get(field.getName());
        Object value;
        if (index != null) {
            value = current.get(index);
        } else if (computed.containsKey(field.getName())) {
            value = computed.get(field.getName()).apply(current);
        } else {
            throw new IllegalStateException("the template's field '" + field.getName()
                    + "' is neither a column of the query nor a computed column; columns are "
                    + indexByName.keySet());
        }
        Class<?> wanted = field.getValueClass();
        if (value == null || wanted.isInstance(value)) {
            return value;
        }
        if (wanted == String.class) {
            return value.toString();
        }
        if (index == null) {
            throw new IllegalStateException("the computed column '" + field.getName() + "' gives "
                    + value.getClass().getSimpleName() + ", the template wants " + wanted.getSimpleName());
        }
        return current.get(index, wanted);
    }

    long rows() {
        return rows;
    }
}
