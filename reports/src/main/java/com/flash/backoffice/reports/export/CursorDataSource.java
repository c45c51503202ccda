package com.flash.backoffice.reports.export;

import java.util.HashMap;
import java.util.Map;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRField;
import org.jooq.Cursor;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Feeds JasperReports one row at a time from an open jOOQ cursor; only the current row is held. Each row passes
 * through the query's totals on the way, and the query's {@code finish} runs once when the rows end.
 */
final class CursorDataSource implements JRDataSource {

    private final Cursor<? extends Record> cursor;
    private final ReportQuery query;
    private final ReportTotals totals;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private Record current;
    private long rows;
    private boolean finished;

    CursorDataSource(Cursor<? extends Record> cursor, ReportQuery query, ReportTotals totals) {
        this.cursor = cursor;
        this.query = query;
        this.totals = totals;
        Field<?>[] fields = cursor.fields();
        for (int i = 0; i < fields.length; i++) {
            indexByName.put(fields[i].getName(), i);
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
        return true;
    }

    @Override
    public Object getFieldValue(JRField field) {
        Integer index = indexByName.get(field.getName());
        if (index == null) {
            throw new IllegalStateException("the template's field '" + field.getName()
                    + "' is not a column of the query; columns are " + indexByName.keySet());
        }
        Object value = current.get(index);
        Class<?> wanted = field.getValueClass();
        if (value == null || wanted.isInstance(value)) {
            return value;
        }
        return wanted == String.class ? value.toString() : current.get(index, wanted);
    }

    long rows() {
        return rows;
    }
}
