package com.flash.backoffice.reports.export;

import java.util.List;
import org.jooq.Cursor;
import org.jooq.Record;

/** Reads the values of a report's columns from a row: a query column by its index, a computed one by its function. */
final class RowValues {

    private final List<ReportColumn> columns;
    private final int[] indexes;

    RowValues(List<ReportColumn> columns, Cursor<? extends Record> cursor, String report) {
        this.columns = List.copyOf(columns);
        this.indexes = new int[columns.size()];
        for (int i = 0; i < indexes.length; i++) {
            ReportColumn column = columns.get(i);
            indexes[i] = column.computed() ? -1 : cursor.indexOf(column.field());
            if (!column.computed() && indexes[i] < 0) {
                throw new IllegalStateException(
                        "the column '" + column.field() + "' of report '" + report + "' is not in its query");
            }
        }
    }

    void read(Record row, Object[] into) {
        for (int i = 0; i < indexes.length; i++) {
            into[i] = indexes[i] >= 0
                    ? row.get(indexes[i])
                    : columns.get(i).value().apply(row);
        }
    }

    int size() {
        return indexes.length;
    }
}
